import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { storageEvent, stubBrowserWindow } from "@latchkey/testkit/client-session";
import { startTestPool, TEST_ANSWER } from "@latchkey/testkit/cognito-pool";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import type { AuthStatus } from "./auth-state.ts";
import type { TokenStorage } from "./config.ts";
import {
  configure,
  defaultSession,
  getAuthState,
  getFreshTokens,
  getTokens,
  refreshTokens,
  signOut,
  subscribe,
} from "./default-session.ts";
import { memoryStorage } from "./memory-storage.ts";
import { type Tokens, tokenStoreFor } from "./tokens.ts";

type Pool = Awaited<ReturnType<typeof startTestPool>>;
let pool: Pool;
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
  email = `user${++users}@example.com`;
  await pool.createUser(email);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  clearTokens();
});

/** The client's config for the test pool; the api is never called here. */
const poolConfig = () => ({
  cognito: { userPoolId: pool.userPoolId, clientId: pool.clientId, endpoint: pool.endpoint },
  apiUrl: "http://127.0.0.1:9",
  storage,
});

const signIn = () => signInWithAnswer({ username: email, signInMethod: "EMAIL_CODE", answer: TEST_ANSWER });

/** Another tab (or device) writes the shared storage, and this page hears of it. */
function storeTokens(tokens: Tokens): void {
  tokenStoreFor(defaultSession().config).write(tokens);
  page.dispatchEvent(storageEvent(`latchkey.${pool.clientId}.tokens`));
}

function clearTokens(): void {
  tokenStoreFor(defaultSession().config).clear();
  page.dispatchEvent(storageEvent(`latchkey.${pool.clientId}.tokens`));
}

/** A pass-through spy on fetch: the calls still reach the emulator; the test counts the refreshes. */
function countRefreshes(): () => number {
  const spy = vi.spyOn(globalThis, "fetch");
  return () => spy.mock.calls.filter(([, init]) => String(init?.body).includes("REFRESH_TOKEN_AUTH")).length;
}

/** Makes the stored tokens look as if they expire in `ms`, as after a long idle page. */
function expireIn(ms: number): Tokens {
  const tokens = { ...(getTokens() as Tokens), expiresAt: Date.now() + ms };
  storeTokens(tokens);
  return tokens;
}

/** A Cognito endpoint that gives every call the same answer. */
async function fakeCognito(status: number, answer: unknown) {
  const server = createServer((_, res) => res.writeHead(status).end(JSON.stringify(answer)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function nextStatus(wanted: AuthStatus): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe((state) => {
      if (state.status !== wanted) return;
      unsubscribe();
      resolve();
    });
  });
}

describe("refresh", () => {
  it("sets its refresh timer for two minutes before expiry, and refreshes when it fires", async () => {
    // Spy on the timers rather than fake them: fetch and the emulator's server need theirs. Only the clock is fake.
    vi.useFakeTimers({ toFake: ["Date"] });
    const timers = vi.spyOn(globalThis, "setTimeout");
    const refreshes = countRefreshes();
    const before = Date.now();
    const first = await signIn();
    const scheduled = timers.mock.calls.filter(([, delay]) => Number(delay) > 60_000);
    expect(scheduled).toHaveLength(1);
    const [fire, delay] = scheduled[0] as [() => void, number];
    expect(delay).toBeLessThanOrEqual(3600_000 - 120_000);
    expect(delay).toBeGreaterThan(3600_000 - 120_000 - (Date.now() - before) - 1);
    expect(refreshes()).toBe(0);

    vi.setSystemTime(Date.now() + delay);
    const refreshed = nextStatus("refreshing").then(() => nextStatus("signed-in"));
    fire();
    await refreshed;
    expect(refreshes()).toBe(1);
    const second = getTokens() as Tokens;
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).toBe(first.refreshToken);
    expect(second.expiresAt).toBe(Date.now() + 3600_000);
    expect(getAuthState().user?.email).toBe(email);
  });

  it("moves the timer when the tokens change, and clears it on sign-out", async () => {
    await signIn();
    const cleared = vi.spyOn(globalThis, "clearTimeout");
    const timers = vi.spyOn(globalThis, "setTimeout");
    expireIn(200_000);
    const ours = () => timers.mock.calls.flatMap(([, delay], i) => (Number(delay) > 60_000 ? [i] : []));
    const [index] = ours();
    expect(ours()).toHaveLength(1);
    const delay = Number(timers.mock.calls[index as number]?.[1]);
    expect(delay).toBeGreaterThan(200_000 - 120_000 - 1000);
    expect(delay).toBeLessThanOrEqual(200_000 - 120_000);
    await signOut();
    expect(cleared).toHaveBeenCalledWith(timers.mock.results[index as number]?.value);
    expect(ours()).toHaveLength(1);
  });

  it("gives back tokens that are not near expiry without a call", async () => {
    const refreshes = countRefreshes();
    const tokens = await signIn();
    await expect(getFreshTokens()).resolves.toEqual(tokens);
    expect(refreshes()).toBe(0);
  });

  it("makes one call however many callers in the page need fresh tokens at once", async () => {
    await signIn();
    const stale = expireIn(60_000);
    const refreshes = countRefreshes();
    const results = await Promise.all([getFreshTokens(), getFreshTokens(), refreshTokens(), getFreshTokens()]);
    expect(refreshes()).toBe(1);
    const accessTokens = new Set(results.map((tokens) => tokens?.accessToken));
    expect(accessTokens.size).toBe(1);
    expect(accessTokens.has(stale.accessToken)).toBe(false);
  });

  it("makes one call across tabs: the tab that waited for the lock finds the other's tokens", async () => {
    await signIn();
    // This module's own timer would refresh the stale tokens before either tab asked.
    configure({ ...poolConfig(), autoRefresh: false });
    expireIn(60_000);
    // Each fresh module instance is one tab's copy of the library; they share the storage, as tabs share localStorage.
    vi.resetModules();
    const tabA = await import("../index.ts");
    vi.resetModules();
    const tabB = await import("../index.ts");
    expect(tabA.getTokens).not.toBe(tabB.getTokens);
    for (const tab of [tabA, tabB]) {
      tab.configure({ ...poolConfig(), autoRefresh: false });
    }
    const refreshes = countRefreshes();
    const [a, b] = await Promise.all([tabA.getFreshTokens(), tabB.getFreshTokens()]);
    expect(refreshes()).toBe(1);
    expect(a?.accessToken).toBe(b?.accessToken);
    expect(tabB.getTokens()?.accessToken).toBe(a?.accessToken);
  });

  it("forces a refresh when asked, even for fresh tokens", async () => {
    const tokens = await signIn();
    const refreshes = countRefreshes();
    const forced = await refreshTokens({ force: true });
    expect(refreshes()).toBe(1);
    expect(forced?.accessToken).not.toBe(tokens.accessToken);
  });

  it("forces a refresh asked for while a refresh with nothing to do is under way", async () => {
    const tokens = await signIn();
    const refreshes = countRefreshes();
    const [plain, forced] = await Promise.all([refreshTokens(), refreshTokens({ force: true })]);
    expect(plain?.accessToken).toBe(tokens.accessToken);
    expect(forced?.accessToken).not.toBe(tokens.accessToken);
    expect(refreshes()).toBe(1);
  });

  it("ends the session when Cognito refuses the refresh token", async () => {
    const tokens = await signIn();
    // Another tab signed out (revoking the refresh token) while this one kept a copy.
    await signOut();
    storeTokens({ ...tokens, expiresAt: Date.now() + 1000 });
    await expect(getFreshTokens()).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
    expect(getTokens()).toBeUndefined();
    expect(getAuthState().status).toBe("signed-out");
  });

  it("keeps the session when Cognito cannot be reached, to try again later", async () => {
    await signIn();
    const stale = expireIn(60_000);
    configure({ ...poolConfig(), cognito: { ...poolConfig().cognito, endpoint: "http://127.0.0.1:9/" } });
    await expect(refreshTokens()).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    expect(getTokens()).toEqual(stale);
    expect(getAuthState().status).toBe("signed-in");
  });
});

describe("refresh against a failing Cognito", () => {
  it("keeps the session through an outage (5xx), to try again later", async () => {
    const cognito = await fakeCognito(503, "unavailable");
    try {
      await signIn();
      const stale = expireIn(60_000);
      configure({ ...poolConfig(), cognito: { ...poolConfig().cognito, endpoint: cognito.url } });
      await expect(refreshTokens()).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      expect(getTokens()).toEqual(stale);
    } finally {
      await cognito.close();
    }
  });

  it("ends the session on an answer that retrying cannot change: the app client is gone", async () => {
    const cognito = await fakeCognito(400, { __type: "ResourceNotFoundException", message: "User pool client gone." });
    try {
      await signIn();
      expireIn(60_000);
      configure({ ...poolConfig(), cognito: { ...poolConfig().cognito, endpoint: cognito.url } });
      await expect(refreshTokens()).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
      expect(getTokens()).toBeUndefined();
    } finally {
      await cognito.close();
    }
  });

  it("lets a sign-out made while a refresh is out win: the refreshed tokens are not stored", async () => {
    await signIn();
    // Sign out once the refresh request is on its way, so that its answer comes back afterwards.
    const realFetch = globalThis.fetch;
    let resolve = () => {};
    const sent = new Promise<void>((done) => {
      resolve = done;
    });
    vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
      if (String(init?.body).includes("REFRESH_TOKEN_AUTH")) resolve();
      return realFetch(input, init);
    });
    const refreshing = refreshTokens({ force: true });
    await sent;
    await signOut();
    await refreshing.catch(() => undefined);
    expect(getTokens()).toBeUndefined();
    expect(getAuthState().status).toBe("signed-out");
  });
});

describe("signOut", () => {
  it("revokes the refresh token", async () => {
    const tokens = await signIn();
    await signOut();
    expect(getTokens()).toBeUndefined();
    storeTokens({ ...tokens, expiresAt: 0 });
    await expect(refreshTokens()).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
  });

  it("signs out every device with `global`", async () => {
    const otherDevice = await signIn();
    clearTokens();
    await signIn();
    await signOut({ global: true });
    expect(getTokens()).toBeUndefined();
    storeTokens({ ...otherDevice, expiresAt: 0 });
    await expect(refreshTokens()).rejects.toMatchObject({ code: "SESSION_EXPIRED" });
  });
});
