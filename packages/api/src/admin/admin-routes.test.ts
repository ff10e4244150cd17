import { CognitoIdentityProviderClient, GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { cognitoAdminDirectory } from "@latchkey/core/aws/cognito-admin-directory";
import { maskEmail } from "@latchkey/core/magic-links";
import { listCredentials } from "@latchkey/core/passkeys";
import { putSmsCode } from "@latchkey/core/sms";
import { SUPPORT_CALLER, startTestAdminApi } from "@latchkey/testkit/admin";
import { SOFT_AAGUID } from "@latchkey/testkit/passkeys";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

type TestAdminApi = Awaited<ReturnType<typeof startTestAdminApi>>;
let admin: TestAdminApi;
let tableDown: TestAdminApi;
let poolDown: TestAdminApi;
let busDown: TestAdminApi;
// Nothing listens on port 9.
const unreachable = { region: "us-east-1", endpoint: "http://127.0.0.1:9", maxAttempts: 1 };
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const brokenTable = new DynamoDBClient({ ...unreachable, credentials });
const brokenPool = new CognitoIdentityProviderClient({ ...unreachable, credentials });

beforeAll(async () => {
  [admin, tableDown, poolDown, busDown] = await Promise.all([
    startTestAdminApi(),
    startTestAdminApi(() => ({ table: { client: brokenTable, name: "latchkey-test" } })),
    startTestAdminApi(() => ({ directory: cognitoAdminDirectory(brokenPool, "us-east-1_ClientTest") })),
    startTestAdminApi(() => ({
      auditEvents: { publish: () => Promise.reject(new Error("EventBridge is down")) },
    })),
  ]);
});
afterAll(async () => {
  brokenTable.destroy();
  brokenPool.destroy();
  await Promise.all([admin?.close(), tableDown?.close(), poolDown?.close(), busDown?.close()]);
});
afterEach(() => {
  vi.restoreAllMocks();
});

let count = 0;
const newEmail = (name: string) => `${name}-${++count}@example.com`;
const answer = async (response: Response) => ({
  status: response.status,
  body: response.status === 204 ? undefined : await response.json(),
});
/** The JSON log lines written while `work` ran. */
async function logged(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  vi.spyOn(console, "info").mockImplementation((line: string) => void lines.push(line));
  await work();
  vi.restoreAllMocks();
  return lines.map((line) => JSON.parse(line));
}

describe("the admin API's user routes", () => {
  it("gets a user by username, and looks one up by email, verified or not, in any case", async () => {
    const email = newEmail("Lookup");
    const username = await admin.pool.createUser(email);
    const user = {
      username,
      email,
      emailVerified: false,
      phoneNumber: null,
      phoneNumberVerified: false,
      enabled: true,
      status: "FORCE_CHANGE_PASSWORD",
    };
    expect(await answer(await admin.call("GET", `/admin/users/${username}`))).toEqual({ status: 200, body: user });
    for (const typed of [email, email.toUpperCase()]) {
      const found = await admin.call("GET", `/admin/users?email=${encodeURIComponent(typed)}`);
      expect(await answer(found)).toEqual({ status: 200, body: user });
    }
  });

  it("answers 404 USER_NOT_FOUND for an unknown username, an email in the username's place, an unknown email", async () => {
    const email = newEmail("alias");
    await admin.pool.createUser(email);
    for (const path of [
      "/admin/users/00000000-0000-4000-8000-000000000000",
      `/admin/users/${encodeURIComponent(email)}`,
      `/admin/users/${encodeURIComponent(email)}/passkeys`,
    ]) {
      expect(await answer(await admin.call("GET", path))).toEqual({
        status: 404,
        body: { code: "USER_NOT_FOUND", message: "No user has this username." },
      });
    }
    const unknown = await admin.call("GET", `/admin/users?email=${newEmail("nobody")}`);
    expect(await answer(unknown)).toEqual({
      status: 404,
      body: { code: "USER_NOT_FOUND", message: "No user has this email address." },
    });
  });

  it("answers bad input with a 4xx and a code, never a 5xx", async () => {
    const username = await admin.pool.createUser(newEmail("input"));
    const cases: [string, string, number, string][] = [
      ["GET", "/admin/users", 400, "BAD_REQUEST"],
      ["GET", "/admin/users?email=a&email=b", 400, "BAD_REQUEST"],
      ["GET", `/admin/users?email=${"x".repeat(321)}`, 400, "BAD_REQUEST"],
      ["GET", "/admin/users?email=not-an-address", 400, "INVALID_EMAIL"],
      ["GET", "/admin/users?email=", 400, "INVALID_EMAIL"],
      ["GET", `/admin/users/${"u".repeat(129)}`, 400, "BAD_REQUEST"],
      ["GET", "/admin/users/with%20space", 400, "BAD_REQUEST"],
      ["GET", "/admin/users/ctl%00char/passkeys", 400, "BAD_REQUEST"],
      ["DELETE", `/admin/users/${username}/passkeys/not*base64`, 400, "BAD_REQUEST"],
      ["DELETE", `/admin/users/${username}/passkeys/${"A".repeat(1400)}`, 400, "BAD_REQUEST"],
      ["POST", `/admin/users/${username}/passkeys`, 404, "NOT_FOUND"],
      ["GET", `/admin/users/${username}/sign-out`, 404, "NOT_FOUND"],
      ["PUT", `/admin/users/${username}`, 404, "NOT_FOUND"],
    ];
    for (const [method, path, status, code] of cases) {
      const response = await admin.call(method, path);
      expect({ path, ...(await answer(response)) }).toMatchObject({ path, status, body: { code } });
    }
  });
});

describe("the admin API's passkey routes", () => {
  it("list a user's passkeys of every RP ID, with what the user sees and the AAGUID", async () => {
    const username = await admin.pool.createUser(newEmail("list"));
    const first = await admin.register(username);
    const second = await admin.register(username, "other.example");
    await admin.register(await admin.pool.createUser(newEmail("someone-else")));
    const response = await admin.call("GET", `/admin/users/${username}/passkeys`);
    expect(await answer(response)).toEqual({
      status: 200,
      body: [first, second].map((record) => ({
        id: record.id,
        friendlyName: record.friendlyName,
        authenticatorName: "Latchkey soft authenticator (test fixture)",
        iconLight: null,
        iconDark: null,
        createdAt: record.createdAt,
        lastUsedAt: null,
        backupEligible: false,
        backedUp: false,
        transports: record.transports,
        rpId: record.rpId,
        aaguid: SOFT_AAGUID,
      })),
    });
    expect([first.rpId, second.rpId]).toEqual(["example.com", "other.example"]);
    const none = await admin.call("GET", `/admin/users/${await admin.pool.createUser(newEmail("none"))}/passkeys`);
    expect(await answer(none)).toEqual({ status: 200, body: [] });
  });

  it("revoke one passkey of the user; it is then gone, and another user's is a 404 and stays", async () => {
    const username = await admin.pool.createUser(newEmail("revoke-one"));
    const [kept, revoked] = [await admin.register(username), await admin.register(username)];
    const other = await admin.pool.createUser(newEmail("other"));
    const theirs = await admin.register(other);

    const path = (user: string, id: string) => `/admin/users/${user}/passkeys/${id}`;
    expect(await answer(await admin.call("DELETE", path(username, revoked.id)))).toEqual({
      status: 200,
      body: { revoked: [revoked.id] },
    });
    expect((await listCredentials(admin.table, username)).map((passkey) => passkey.id)).toEqual([kept.id]);
    const notFound = { status: 404, body: { code: "NOT_FOUND", message: "No such passkey." } };
    expect(await answer(await admin.call("DELETE", path(username, revoked.id)))).toEqual(notFound);
    expect(await answer(await admin.call("DELETE", path(username, theirs.id)))).toEqual(notFound);
    expect((await listCredentials(admin.table, other)).map((passkey) => passkey.id)).toEqual([theirs.id]);
  });

  it("revoke every passkey of the user, and none of anyone else's", async () => {
    const username = await admin.pool.createUser(newEmail("revoke-all"));
    const ids = [(await admin.register(username)).id, (await admin.register(username, "other.example")).id];
    const other = await admin.pool.createUser(newEmail("bystander"));
    const theirs = await admin.register(other);
    const response = await answer(await admin.call("DELETE", `/admin/users/${username}/passkeys`));
    expect(response.status).toBe(200);
    expect((response.body as { revoked: string[] }).revoked.sort()).toEqual([...ids].sort());
    expect(await listCredentials(admin.table, username)).toEqual([]);
    expect((await listCredentials(admin.table, other)).map((passkey) => passkey.id)).toEqual([theirs.id]);
    expect(await answer(await admin.call("DELETE", `/admin/users/${username}/passkeys`))).toEqual({
      status: 200,
      body: { revoked: [] },
    });
  });
});

describe("the admin API's sign-in routes", () => {
  it("revoke the user's outstanding codes and say how many", async () => {
    const username = await admin.pool.createUser(newEmail("codes"));
    const expiresAt = Math.floor(Date.now() / 1000) + 300;
    for (const browser of ["a", "b"]) {
      await putSmsCode(admin.table, { subject: { username }, requesterHash: browser, codeHash: "c", expiresAt });
    }
    const path = `/admin/users/${username}/sign-ins`;
    expect(await answer(await admin.call("DELETE", path))).toEqual({ status: 200, body: { emails: 0, texts: 2 } });
    expect(await answer(await admin.call("DELETE", path))).toEqual({ status: 200, body: { emails: 0, texts: 0 } });
  });

  it("sign the user out everywhere: the pool no longer accepts their access tokens", async () => {
    const username = await admin.pool.createUser(newEmail("sign-out"));
    const { accessToken } = await admin.pool.signIn(username);
    expect(await answer(await admin.call("POST", `/admin/users/${username}/sign-out`))).toEqual({
      status: 204,
      body: undefined,
    });
    await expect(admin.pool.admin.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toThrow(
      "Access Token has been revoked",
    );
    const unknown = await admin.call("POST", "/admin/users/00000000-0000-4000-8000-000000000000/sign-out");
    expect(await answer(unknown)).toMatchObject({ status: 404, body: { code: "USER_NOT_FOUND" } });
  });
});

describe("the admin API's record of what was done", () => {
  it("logs each change as its audit event, with the IAM caller, the user and the outcome", async () => {
    const username = await admin.pool.createUser(newEmail("audited"));
    const passkey = await admin.register(username);
    const lines = await logged(async () => {
      await admin.call("DELETE", `/admin/users/${username}/passkeys/${passkey.id}`);
      await admin.call("DELETE", `/admin/users/${username}/passkeys`);
      await admin.call("DELETE", `/admin/users/${username}/sign-ins`);
      await admin.call("POST", `/admin/users/${username}/sign-out`);
    });
    const change = { level: "info", msg: "admin change", caller: SUPPORT_CALLER.userArn, requestId: "req-1", username };
    expect(lines).toEqual([
      { ...change, event: "PasskeysRevokedByAdmin", credentialIds: [passkey.id] },
      { ...change, event: "PasskeysRevokedByAdmin", credentialIds: [] },
      { ...change, event: "SignInsRevokedByAdmin", emails: 0, texts: 0 },
      { ...change, event: "SignedOutByAdmin" },
    ]);
  });

  it("sends each change as an audit event, its principal the IAM caller", async () => {
    const username = await admin.pool.createUser(newEmail("evented"));
    const passkey = await admin.register(username);
    const before = admin.events.length;
    await admin.call("DELETE", `/admin/users/${username}/passkeys/${passkey.id}`);
    await admin.call("DELETE", `/admin/users/${username}/sign-ins`);
    await admin.call("POST", `/admin/users/${username}/sign-out`);
    await admin.call("GET", `/admin/users/${username}/passkeys`);
    const detail = { username, principal: SUPPORT_CALLER.userArn, requestId: "req-1" };
    expect(admin.events.slice(before)).toEqual([
      { detailType: "PasskeysRevokedByAdmin", detail: { ...detail, credentialIds: [passkey.id] } },
      { detailType: "SignInsRevokedByAdmin", detail: { ...detail, emails: 0, texts: 0 } },
      { detailType: "SignedOutByAdmin", detail },
    ]);
  });

  it("makes the change and answers as usual when the event cannot be sent, and logs that", async () => {
    const username = await busDown.pool.createUser(newEmail("bus-down"));
    const passkey = await busDown.register(username);
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    const revoked = await busDown.call("DELETE", `/admin/users/${username}/passkeys/${passkey.id}`);
    expect(await answer(revoked)).toEqual({ status: 200, body: { revoked: [passkey.id] } });
    expect(await answer(await busDown.call("GET", `/admin/users/${username}/passkeys`))).toEqual({
      status: 200,
      body: [],
    });
    expect(errors.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: "audit event not sent", detailType: "PasskeysRevokedByAdmin" }),
    ]);
  });

  it("logs reads with the caller, and a lookup by email without the address", async () => {
    const email = newEmail("private");
    const username = await admin.pool.createUser(email);
    const lines = await logged(async () => {
      await admin.call("GET", `/admin/users?email=${email}`);
      await admin.call("GET", `/admin/users/${username}/passkeys`);
    });
    expect(lines).toEqual([
      expect.objectContaining({ msg: "admin read", route: "lookupUserByEmail", found: true, email: maskEmail(email) }),
      expect.objectContaining({ msg: "admin read", route: "listPasskeys", username, passkeys: 0 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(email);
  });
});

describe("the admin API when a dependency fails", () => {
  it("answers 503 SERVICE_UNAVAILABLE, with no stack, when DynamoDB or Cognito cannot be reached", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(console, "info").mockImplementation(() => {});
    const username = await tableDown.pool.createUser(newEmail("down"));
    const cases: [TestAdminApi, string, string][] = [
      [tableDown, "GET", `/admin/users/${username}/passkeys`],
      [tableDown, "DELETE", `/admin/users/${username}/passkeys`],
      [tableDown, "DELETE", `/admin/users/${username}/sign-ins`],
      [poolDown, "GET", `/admin/users/${username}`],
      [poolDown, "GET", "/admin/users?email=someone@example.com"],
      [poolDown, "POST", `/admin/users/${username}/sign-out`],
    ];
    for (const [api, method, path] of cases) {
      expect(await answer(await api.call(method, path))).toEqual({
        status: 503,
        body: { code: "SERVICE_UNAVAILABLE", message: "A service Latchkey depends on failed; try again later." },
      });
    }
  });
});
