import { storageEvent, stubBrowserWindow } from "@latchkey/testkit/client-session";
import { unsignedJwt } from "@latchkey/testkit/tokens";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuthState } from "./auth-state.ts";
import { type ResolvedConfig, resolveConfig } from "./config.ts";
import { memoryStorage } from "./memory-storage.ts";
import { Session } from "./session.ts";
import { type Tokens, tokenStoreFor } from "./tokens.ts";

const exp = Math.floor(Date.now() / 1000) + 3600;
const tokens: Tokens = {
  idToken: unsignedJwt({ sub: "u-1", "cognito:username": "u-1", email: "ada@example.com", exp }),
  accessToken: unsignedJwt({ sub: "u-1", username: "u-1", exp }),
  refreshToken: undefined,
  expiresAt: exp * 1000,
};

let page: EventTarget;
let config: ResolvedConfig;
let session: Session;

beforeAll(() => {
  page = stubBrowserWindow();
});

function record() {
  const states: AuthState[] = [];
  const unsubscribe = session.subscribe((state) => states.push(state));
  return { states, unsubscribe, statuses: () => states.map((state) => state.status) };
}

/** Another tab signs in (or out): it writes the shared storage, and this page hears of it. */
function inAnotherTab(change: Tokens | undefined): void {
  const store = tokenStoreFor(config);
  if (change) store.write(change);
  else store.clear();
  page.dispatchEvent(storageEvent(`latchkey.${config.clientId}.tokens`));
}

describe("the status stream", () => {
  beforeEach(() => {
    config = resolveConfig({
      cognito: { userPoolId: "us-east-1_T", clientId: "c" },
      apiUrl: "http://x",
      storage: memoryStorage(),
    });
    session = new Session(config);
  });
  afterEach(() => session.dispose());

  it("keeps the same user object while the ID token stays the same", async () => {
    await session.signIn(async () => tokens);
    const before = session.getState().user;
    await session.trackBusy("something", async () => {
      expect(session.getState().user).toBe(before);
    });
    expect(session.getState().user).toBe(before);
    await session.signIn(async () => ({
      ...tokens,
      idToken: unsignedJwt({ sub: "u-1", email: "ada@example.org", exp }),
    }));
    expect(session.getState().user).not.toBe(before);
    expect(session.getState().user?.email).toBe("ada@example.org");
  });

  it("starts signed out and follows sign-in and sign-out", () => {
    expect(session.getState()).toMatchObject({ status: "signed-out", user: undefined, busy: [] });
    const { states, statuses, unsubscribe } = record();
    inAnotherTab(tokens);
    expect(statuses()).toEqual(["signed-in"]);
    expect(states[0]?.user?.email).toBe("ada@example.com");
    inAnotherTab(undefined);
    expect(statuses()).toEqual(["signed-in", "signed-out"]);
    unsubscribe();
    inAnotherTab(tokens);
    expect(states).toHaveLength(2);
  });

  it("reports signing-in and refreshing while they run, then the outcome", async () => {
    const { statuses } = record();
    await session.signIn(async () => tokens);
    // Without a refresh token there is nothing to refresh, but the status shows the attempt.
    await session.refresh();
    expect(statuses()).toEqual(["signing-in", "signing-in", "signed-in", "refreshing", "signed-in"]);
  });

  it("falls back to signed out when a sign-in fails", async () => {
    const { statuses } = record();
    await expect(
      session.signIn(async () => {
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(statuses()).toEqual(["signing-in", "signed-out"]);
  });

  it("lists overlapping busy operations and removes each when it settles", async () => {
    const { states } = record();
    let finishLink = () => {};
    const link = session.trackBusy("magic-link-request", () => new Promise<void>((resolve) => (finishLink = resolve)));
    const failing = session.trackBusy("passkey-sign-in", () => Promise.reject(new Error("cancelled")));
    await expect(failing).rejects.toThrow("cancelled");
    finishLink();
    await link;
    expect(states.map((state) => state.busy)).toEqual([
      ["magic-link-request"],
      ["magic-link-request", "passkey-sign-in"],
      ["magic-link-request"],
      [],
    ]);
  });

  it("hands out the same snapshot until something changes", () => {
    const first = session.getState();
    expect(session.getState()).toBe(first);
    inAnotherTab(tokens);
    expect(session.getState()).not.toBe(first);
  });

  it("publishes nothing when nothing it shows changed", () => {
    const { states } = record();
    inAnotherTab(tokens);
    // Another tab rewrote the same tokens, or changed a key of its own.
    inAnotherTab(tokens);
    page.dispatchEvent(storageEvent("someone-else's-key"));
    expect(states).toHaveLength(1);
  });
});
