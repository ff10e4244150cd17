import { randomBytes } from "node:crypto";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaguidDirectory } from "./aaguid-directory.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { passkeyPolicy } from "./policy.ts";
import { registerPasskey } from "./register-passkey.ts";
import { deleteCredential } from "./store/delete-credential.ts";
import { listCredentials } from "./store/list-credentials.ts";
import { putCredential } from "./store/put-credential.ts";

const policy = passkeyPolicy(testConfig({ LATCHKEY_MAX_PASSKEYS_PER_USER: "3" }));
let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const context = () => ({ policy, table, clock: { now: () => Date.now() }, aaguids: aaguidDirectory("") });
const newUser = () => crypto.randomUUID();

/** Creation options as the api makes them: from the user's stored passkeys. */
async function options(username: string) {
  const existing = await listCredentials(table, username);
  return createRegistrationOptions(policy, {
    username,
    displayName: username,
    rpId: TEST_RP_ID,
    existing,
    nowMs: Date.now(),
  });
}

/** The second half of a registration: an authenticator answers options, the api verifies and stores. */
function verify(username: string, creation: Awaited<ReturnType<typeof options>>, softKey = softAuthenticator()) {
  const response = softKey.register(creation, { origin: TEST_ORIGIN });
  return registerPasskey(context(), { username, response });
}

const register = async (username: string) => verify(username, await options(username));
const LIMIT = { code: "PASSKEY_LIMIT_REACHED", message: expect.stringContaining("3 passkeys") };

describe("the passkeys a user may have", () => {
  it("are capped: options are refused once the user has as many as the policy allows", async () => {
    const user = newUser();
    for (let i = 0; i < 3; i++) await register(user);
    await expect(options(user)).rejects.toMatchObject(LIMIT);
    expect(await listCredentials(table, user)).toHaveLength(3);
  });

  it("are capped at verification too, for options fetched before the cap was reached", async () => {
    const user = newUser();
    const early = await Promise.all([1, 2, 3, 4].map(() => options(user)));
    for (const creation of early.slice(0, 3)) await verify(user, creation);
    const softKey = softAuthenticator();
    await expect(verify(user, early[3] as (typeof early)[number], softKey)).rejects.toMatchObject(LIMIT);
    expect((await listCredentials(table, user)).map((credential) => credential.id)).not.toContain(softKey.id);
  });

  it("are capped under concurrent registrations: exactly the cap succeed", async () => {
    const user = newUser();
    const creations = await Promise.all(Array.from({ length: 8 }, () => options(user)));
    const results = await Promise.allSettled(creations.map((creation) => verify(user, creation)));
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.length - refused.length).toBe(3);
    for (const result of refused) expect(result.reason).toMatchObject(LIMIT);
    expect(await listCredentials(table, user)).toHaveLength(3);
  });

  it("get a place back when one is deleted, and only their owner's deletion frees it", async () => {
    const user = newUser();
    const records = [await register(user), await register(user), await register(user)];
    const first = records[0] as (typeof records)[number];
    await expect(deleteCredential(table, { id: first.id, username: newUser() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(register(user)).rejects.toMatchObject(LIMIT);
    await deleteCredential(table, { id: first.id, username: user });
    await expect(register(user)).resolves.toMatchObject({ username: user });
    await expect(register(user)).rejects.toMatchObject(LIMIT);
  });

  it("keep their place when a registration fails after it was taken (a credential ID already registered)", async () => {
    const user = newUser();
    const credentialId = randomBytes(32);
    await verify(user, await options(user), softAuthenticator({ credentialId }));
    await expect(verify(user, await options(user), softAuthenticator({ credentialId }))).rejects.toMatchObject({
      code: "CREDENTIAL_EXISTS",
    });
    await register(user);
    await register(user);
    expect(await listCredentials(table, user)).toHaveLength(3);
  });

  it("are all listed, however many were stored before there was a cap (DynamoDB pages them)", async () => {
    const user = newUser();
    const { record } = { record: await register(user) };
    // 105 passkeys with large keys: more than one 1 MB page of the user index.
    for (let i = 0; i < 104; i++) {
      const createdAt = new Date(Date.parse(record.createdAt) + (i + 1) * 1000).toISOString();
      await putCredential(table, {
        ...record,
        id: randomBytes(32).toString("base64url"),
        publicKey: randomBytes(10_000),
        createdAt,
      });
    }
    const listed = await listCredentials(table, user);
    expect(listed).toHaveLength(105);
    expect(listed.map((credential) => credential.createdAt)).toEqual(listed.map((c) => c.createdAt).sort());
    await expect(options(user)).rejects.toMatchObject(LIMIT);
  });
});
