import {
  holdRefreshAnswers,
  pendingRefreshTimers,
  sharedStorage,
  stubBrowserWindow,
} from "@latchkey/testkit/client-session";
import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import type { AuthState } from "./auth-state.ts";
import type { TokenStorage } from "./config.ts";
import { configure, defaultSession } from "./default-session.ts";
import type { Session } from "./session.ts";
import type { Tokens } from "./tokens.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let page: EventTarget;
let storage: TokenStorage;
let email: string;
let users = 0;
const tabs: Session[] = [];

beforeAll(async () => {
  page = stubBrowserWindow();
  pool = await startTestPool();
});
afterAll(() => pool?.close());

beforeEach(async () => {
  storage = sharedStorage(page);
  configure(poolConfig());
  email = `session${++users}@example.com`;
  await pool.createUser(email);
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const tab of tabs.splice(0)) tab.dispose();
});

const poolConfig = () => ({
  cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
  apiUrl: "http://127.0.0.1:9",
  storage,
});

const signIn = (username = email) => signInWithAnswer({ username, signInMethod: "EMAIL_CODE", answer: TEST_ANSWER });

/** Another tab of this origin: its own copy of the library, on the storage this page uses. */
async function openTab() {
  vi.resetModules();
  const api = await import("../index.ts");
  const { defaultSession: sessionOf } = await import("./default-session.ts");
  api.configure(poolConfig());
  tabs.push(sessionOf());
  return api;
}

function record(session: Session): AuthState[] {
  const states: AuthState[] = [];
  session.subscribe((state) => states.push(state));
  return states;
}

/** Makes the stored tokens look as if they expire in `ms`, as after a long idle page. */
function expireIn(session: Session, ms: number): void {
  storage.setItem(
    `latchkey.${session.config.clientId}.tokens`,
    JSON.stringify({ ...(session.getTokens() as Tokens), expiresAt: Date.now() + ms }),
  );
}

describe("a session's transitions", () => {
  it("signs in, refreshes and signs out, each published and each moving the refresh timer", async () => {
    const session = defaultSession();
    const states = record(session);
    const timers = pendingRefreshTimers();
    const first = await signIn();
    expect(states.map((state) => state.status)).toEqual(["signing-in", "signing-in", "signed-in"]);
    expect(session.getState().user?.email).toBe(email);
    const [signedInTimer] = timers();
    expect(timers()).toHaveLength(1);

    const refreshed = await session.refresh({ force: true });
    expect(refreshed?.accessToken).not.toBe(first.accessToken);
    expect(states.slice(3).map((state) => state.status)).toEqual(["refreshing", "refreshing", "signed-in"]);
    expect(timers()).toHaveLength(1);
    expect(timers()).not.toContain(signedInTimer);

    await session.signOut();
    expect(states.slice(6).map(({ status, busy }) => [status, busy])).toEqual([
      ["signed-in", ["sign-out"]],
      ["signed-out", ["sign-out"]],
      ["signed-out", []],
    ]);
    expect(session.getTokens()).toBeUndefined();
    expect(timers()).toEqual([]);
  });

  it("follows another tab's sign-in, refresh and sign-out, with no call of its own", async () => {
    const here = defaultSession();
    const states = record(here);
    const other = await openTab();
    const timers = pendingRefreshTimers();
    const cognito = holdRefreshAnswers();
    // Counted, not held.
    cognito.release();

    await other.signInWithAnswer({ username: email, signInMethod: "EMAIL_CODE", answer: TEST_ANSWER });
    expect(here.getState()).toMatchObject({ status: "signed-in", user: { email } });
    expect(states.map((state) => state.status)).toEqual(["signed-in"]);
    const before = here.getState().user;

    await other.refreshTokens({ force: true });
    expect(cognito.count()).toBe(1);
    expect(here.getTokens()).toEqual(other.getTokens());
    // A new ID token is a new user object, so a UI comparing by reference renders the change.
    expect(here.getState().user).not.toBe(before);
    expect(here.getState().user?.email).toBe(email);

    await other.signOut();
    expect(here.getState()).toMatchObject({ status: "signed-out", user: undefined });
    // Neither tab keeps a refresh timer for the ended session.
    expect(timers()).toEqual([]);
    expect(cognito.count()).toBe(1);
  });
});

describe("races", () => {
  it("makes one Cognito call for refreshes asked for at once, forced or not", async () => {
    const session = defaultSession();
    await signIn();
    expireIn(session, 60_000);
    const cognito = holdRefreshAnswers();
    // Counted, not held.
    cognito.release();
    const results = await Promise.all([session.refresh(), session.refresh({ force: true }), session.getFreshTokens()]);
    expect(cognito.count()).toBe(1);
    expect(new Set(results.map((tokens) => tokens?.accessToken)).size).toBe(1);
  });

  it("lets a sign-out in another tab, made while this tab's refresh is out, win", async () => {
    const here = defaultSession();
    const other = await openTab();
    const timers = pendingRefreshTimers();
    await signIn();
    const cognito = holdRefreshAnswers();
    const refreshing = here.refresh({ force: true });
    await cognito.answered;
    await other.signOut();
    cognito.release();
    await expect(refreshing).resolves.toBeUndefined();
    expect(here.getTokens()).toBeUndefined();
    expect(here.getState().status).toBe("signed-out");
    expect(timers()).toEqual([]);
  });

  it("lets a sign-in as someone else, made while a refresh is out, win", async () => {
    const session = defaultSession();
    await signIn();
    const someoneElse = `someone-else-${users}@example.com`;
    await pool.createUser(someoneElse);
    const cognito = holdRefreshAnswers();
    const refreshing = session.refresh({ force: true });
    await cognito.answered;
    const theirs = await signIn(someoneElse);
    cognito.release();
    await expect(refreshing).resolves.toEqual(theirs);
    expect(session.getTokens()).toEqual(theirs);
    expect(session.getState().user?.email).toBe(someoneElse);
  });

  it("keeps a new sign-in when the refusal of the old refresh token comes back after it", async () => {
    const session = defaultSession();
    const revoked = await signIn();
    await session.signOut();
    // Another tab kept a copy of the tokens whose refresh token the sign-out revoked.
    storage.setItem(`latchkey.${pool.clientId}.tokens`, JSON.stringify({ ...revoked, expiresAt: Date.now() + 1000 }));
    const cognito = holdRefreshAnswers();
    const refreshing = session.getFreshTokens();
    await cognito.answered;
    const fresh = await signIn();
    cognito.release();
    await expect(refreshing).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
    expect(session.getTokens()).toEqual(fresh);
    expect(session.getState().status).toBe("signed-in");
  });
});
