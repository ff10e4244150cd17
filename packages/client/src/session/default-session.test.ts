import {
  holdRefreshAnswers,
  pendingRefreshTimers,
  storageEvent,
  stubBrowserWindow,
} from "@latchkey/testkit/client-session";
import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import type { AuthState } from "./auth-state.ts";
import type { TokenStorage } from "./config.ts";
import { configure, defaultSession, subscribe } from "./default-session.ts";
import { memoryStorage } from "./memory-storage.ts";
import { tokenStoreFor } from "./tokens.ts";

let pool: Awaited<ReturnType<typeof startTestPool>>;
let page: EventTarget;
let storage: TokenStorage;
let email: string;
let users = 0;

beforeAll(async () => {
  page = stubBrowserWindow();
  pool = await startTestPool();
});
afterAll(() => pool?.close());

beforeEach(async () => {
  storage = memoryStorage();
  configure(poolConfig());
  email = `default${++users}@example.com`;
  await pool.createUser(email);
});
afterEach(() => vi.restoreAllMocks());

const poolConfig = () => ({
  cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
  apiUrl: "http://127.0.0.1:9",
  storage,
});

const signIn = () => signInWithAnswer({ username: email, signInMethod: "EMAIL_CODE", answer: TEST_ANSWER });

describe("the default session", () => {
  it("is signed out before configure(), and what needs it rejects with NOT_CONFIGURED", async () => {
    vi.resetModules();
    const fresh = await import("../index.ts");
    expect(fresh.getAuthState()).toMatchObject({ status: "signed-out", user: undefined, busy: [] });
    expect(fresh.getUser()).toBeUndefined();
    expect(() => fresh.getTokens()).toThrow(expect.objectContaining({ code: "NOT_CONFIGURED" }));
    await expect(fresh.signOut()).rejects.toMatchObject({ code: "NOT_CONFIGURED" });
    await expect(fresh.refreshTokens()).rejects.toMatchObject({ code: "NOT_CONFIGURED" });
    await expect(fresh.requestMagicLink({ email })).rejects.toMatchObject({ code: "NOT_CONFIGURED" });
  });

  it("is replaced by configure(): the old one's timer, tabs and listeners stop; function API subscribers follow", async () => {
    const timers = pendingRefreshTimers();
    const old = defaultSession();
    await signIn();
    const [oldTimer] = timers();
    const heardByOld = vi.fn();
    old.subscribe(heardByOld);
    const heard: AuthState[] = [];
    subscribe((state) => heard.push(state));
    const unfollowed = vi.spyOn(globalThis, "removeEventListener");

    configure(poolConfig());
    const current = defaultSession();
    expect(current).not.toBe(old);
    expect(unfollowed).toHaveBeenCalledWith("storage", expect.any(Function));
    // The new session reads the same storage, so it keeps the session, with a timer of its own.
    expect(heard).toEqual([current.getState()]);
    expect(current.getState().user?.email).toBe(email);
    expect(timers()).toHaveLength(1);
    expect(timers()).not.toContain(oldTimer);

    // Another tab signs out: the new session follows it, the old one hears of nothing.
    tokenStoreFor(current.config).clear();
    page.dispatchEvent(storageEvent(`latchkey.${pool.clientId}.tokens`));
    expect(heard.map((state) => state.status)).toEqual(["signed-in", "signed-out"]);
    expect(heardByOld).not.toHaveBeenCalled();
    expect(old.getState().status).toBe("signed-in");
    expect(timers()).toEqual([]);
  });

  it("lets a replaced session's refresh finish into storage, publishing and scheduling nothing", async () => {
    const tokens = await signIn();
    const old = defaultSession();
    const cognito = holdRefreshAnswers();
    const refreshing = old.refresh({ force: true });
    await cognito.answered;
    const heardByOld = vi.fn();
    old.subscribe(heardByOld);

    configure(poolConfig());
    const timers = pendingRefreshTimers();
    cognito.release();
    const fresh = await refreshing;
    expect(fresh?.accessToken).not.toBe(tokens.accessToken);
    expect(defaultSession().getTokens()).toEqual(fresh);
    expect(heardByOld).not.toHaveBeenCalled();
    expect(timers()).toEqual([]);
  });
});
