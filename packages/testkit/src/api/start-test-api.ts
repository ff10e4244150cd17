import { generateKeyPairSync } from "node:crypto";
import { type ApiDeps, createApp } from "@latchkey/api";
import { type DirectoryUser, LatchkeyError, noAuditEvents, type UserDirectory } from "@latchkey/core";
import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { ed25519Signer } from "@latchkey/core/signing";
import { TEST_CLIENT, TEST_ORIGIN, testConfig } from "../config/test-config.ts";
import { AAGUIDS_FIXTURE, SOFT_AAGUID } from "../passkeys/aaguid-fixture.ts";
import { softAuthenticator } from "../passkeys/soft-authenticator.ts";
import { startTestTable, type TestTable } from "../table/start-test-table.ts";

type SignedInUser = Awaited<ReturnType<ApiDeps["accessTokens"]["verify"]>>;

export const ALICE = { username: "a11ce000-0000-4000-8000-000000000001", email: "alice@example.com" };
export const BOB = { username: "b0b00000-0000-4000-8000-000000000002", email: "bob@example.com" };

/**
 * The user pool as a port: a map of users, and the sessions the pool still accepts (the Cognito adapter
 * itself runs against the emulator, in its own tests and the end-to-end suites). Every call is named
 * in `calls`, in order.
 */
function memoryDirectory(users: DirectoryUser[], sessions: Map<string, SignedInUser>, calls: string[]): UserDirectory {
  const directory: UserDirectory = {
    findByEmail: async (email) => users.find((user) => user.email === email),
    createUser: async () => {
      throw new Error("not used by passkeys");
    },
    findByPhoneNumber: async () => undefined,
    createPhoneUser: async () => {
      throw new Error("not used by passkeys");
    },
    userByAccessToken: async (token) => {
      const user = users.find((known) => known.username === sessions.get(token)?.username);
      return user && { ...user, emailVerified: true, phoneNumber: undefined, phoneNumberVerified: false };
    },
  };
  const counted = Object.entries(directory).map(([name, method]) => [
    name,
    (...args: unknown[]) => {
      calls.push(name);
      return (method as (...args: unknown[]) => unknown)(...args);
    },
  ]);
  return Object.fromEntries(counted) as unknown as UserDirectory;
}

/**
 * The api over a dynalite table, with two users, tokens as a port (opaque JWT-shaped strings mapped to
 * signed-in users, of any sign-in age), and helpers to call it through app.request(). `overrides`
 * replace dependencies (a broken table or directory).
 */
export async function startTestApi(overrides: (table: TestTable) => Partial<ApiDeps> = () => ({})) {
  const table = await startTestTable();
  /** Tokens as they verify, and those of them the pool still accepts (a revoked one does not). */
  const sessions = new Map<string, SignedInUser>();
  const live = new Map<string, SignedInUser>();
  const users = [ALICE, BOB];
  /** The directory's calls, by method name, in order. */
  const directoryCalls: string[] = [];
  const { privateKey } = generateKeyPairSync("ed25519");
  const app = createApp({
    config: testConfig({ LATCHKEY_AAGUID_SOURCE: AAGUIDS_FIXTURE }),
    table,
    mailer: { send: async () => {} },
    sms: { send: async () => {} },
    directory: memoryDirectory(users, live, directoryCalls),
    signer: ed25519Signer(privateKey.export({ format: "pem", type: "pkcs8" }).toString()),
    clock: { now: () => Date.now() },
    auditEvents: noAuditEvents,
    accessTokens: {
      async verify(token: string) {
        const user = sessions.get(token);
        if (!user) throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.");
        return user;
      },
    },
    clientIp: () => undefined,
    ...overrides(table),
  });

  /**
   * A token for `user` (one of the pool's from then on), signed in `ageSeconds` ago, by a step-up for
   * `stepUpAction` if given.
   */
  function signIn(user: DirectoryUser, ageSeconds = 0, stepUpAction?: string): string {
    if (!users.some((known) => known.username === user.username)) users.push(user);
    const token = `h.${user.username}.${ageSeconds}${stepUpAction ? `-${stepUpAction}` : ""}`;
    const authTime = Math.floor(Date.now() / 1000) - ageSeconds;
    const session = {
      username: user.username,
      authTime,
      issuedAt: authTime,
      clientId: TEST_CLIENT,
      ...(stepUpAction && { stepUpAction }),
    };
    sessions.set(token, session);
    live.set(token, session);
    return token;
  }

  /**
   * The token a refresh of `token`'s sign-in gives now, as Cognito issues it: the same auth_time, a new
   * iat, and no step-up binding (the refresh's trigger does not see the step-up's metadata).
   */
  function refresh(token: string): string {
    const session = sessions.get(token);
    if (!session) throw new Error("refresh of a token that was never issued");
    const { stepUpAction: _dropped, ...signedIn } = session;
    const refreshed = { ...signedIn, issuedAt: Math.floor(Date.now() / 1000) };
    const next = `${token}-refreshed`;
    sessions.set(next, refreshed);
    live.set(next, refreshed);
    return next;
  }

  /** The pool stops accepting the token (revoked, signed out): it still verifies as a JWT. */
  const revoke = (token: string) => live.delete(token);

  function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; origin?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
    if (options.origin) headers.origin = options.origin;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    return app.request(`/passkeys${path}`, { method, headers, ...(body !== undefined && { body }) });
  }

  /** Registration as the client does it: options, the authenticator, verify. */
  async function register(
    user: DirectoryUser,
    token = signIn(user),
    softKey = softAuthenticator({ aaguid: SOFT_AAGUID }),
  ) {
    const options = (await (
      await call("POST", "/registration/options", { token, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const response = softKey.register(options, { origin: TEST_ORIGIN });
    const verified = await call("POST", "/registration/verify", { token, body: { response, friendlyName: "My key" } });
    return { softKey, options, response, verified };
  }

  return { app, table, directoryCalls, call, signIn, refresh, revoke, register, close: () => table.close() };
}
