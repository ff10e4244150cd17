import { beforeEach, describe, expect, it } from "vitest";
import { type AuthState, getAuthState, inPhase, subscribe, trackBusy } from "./auth-state.ts";
import { configure } from "./config.ts";
import { memoryStorage } from "./memory-storage.ts";
import "./session.ts";
import { unsignedJwt } from "@latchkey/testkit/tokens";
import { clearTokens, storeTokens } from "./tokens.ts";

const exp = Math.floor(Date.now() / 1000) + 3600;
const tokens = {
  idToken: unsignedJwt({ sub: "u-1", "cognito:username": "u-1", email: "ada@example.com", exp }),
  accessToken: unsignedJwt({ sub: "u-1", username: "u-1", exp }),
  refreshToken: undefined,
  expiresAt: exp * 1000,
};

function record() {
  const states: AuthState[] = [];
  const unsubscribe = subscribe((state) => states.push(state));
  return { states, unsubscribe, statuses: () => states.map((state) => state.status) };
}

describe("the status stream", () => {
  beforeEach(() => {
    configure({ cognito: { userPoolId: "us-east-1_T", clientId: "c" }, apiUrl: "http://x", storage: memoryStorage() });
  });

  it("keeps the same user object while the ID token stays the same", async () => {
    storeTokens(tokens);
    const before = getAuthState().user;
    await trackBusy("something", async () => {
      expect(getAuthState().user).toBe(before);
    });
    expect(getAuthState().user).toBe(before);
    storeTokens({ ...tokens, idToken: unsignedJwt({ sub: "u-1", email: "ada@example.org", exp }) });
    expect(getAuthState().user).not.toBe(before);
    expect(getAuthState().user?.email).toBe("ada@example.org");
    clearTokens();
  });

  it("starts signed out and follows sign-in and sign-out", () => {
    expect(getAuthState()).toMatchObject({ status: "signed-out", user: undefined, busy: [] });
    const { states, statuses, unsubscribe } = record();
    storeTokens(tokens);
    expect(statuses()).toEqual(["signed-in"]);
    expect(states[0]?.user?.email).toBe("ada@example.com");
    clearTokens();
    expect(statuses()).toEqual(["signed-in", "signed-out"]);
    unsubscribe();
    storeTokens(tokens);
    expect(states).toHaveLength(2);
  });

  it("reports signing-in and refreshing while they run, then the outcome", async () => {
    const { statuses } = record();
    await inPhase("signing-in", async () => storeTokens(tokens));
    await inPhase("refreshing", async () => undefined);
    expect(statuses()).toEqual(["signing-in", "signing-in", "signed-in", "refreshing", "signed-in"]);
  });

  it("falls back to signed out when a sign-in fails", async () => {
    const { statuses } = record();
    await expect(
      inPhase("signing-in", async () => {
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect(statuses()).toEqual(["signing-in", "signed-out"]);
  });

  it("lists overlapping busy operations and removes each when it settles", async () => {
    const { states } = record();
    let finishLink = () => {};
    const link = trackBusy("magic-link-request", () => new Promise<void>((resolve) => (finishLink = resolve)));
    const failing = trackBusy("passkey-sign-in", () => Promise.reject(new Error("cancelled")));
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
    const first = getAuthState();
    expect(getAuthState()).toBe(first);
    storeTokens(tokens);
    expect(getAuthState()).not.toBe(first);
  });
});
