import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { testConfig } from "@latchkey/testkit/config";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaguidDirectory } from "../passkeys/aaguid-directory.ts";
import { createRegistrationOptions } from "../passkeys/create-registration-options.ts";
import { passkeyPolicy } from "../passkeys/policy.ts";
import { registerPasskey } from "../passkeys/register-passkey.ts";
import { listCredentials } from "../passkeys/store/list-credentials.ts";
import { passkeyCountItemKey } from "../table/item-keys.ts";
import { revokeAllPasskeys } from "./revoke-passkeys.ts";

const policy = passkeyPolicy(testConfig());
let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

/** A passkey registered as the api registers one: its slot taken, its item stored. */
async function register(username: string): Promise<string> {
  const creation = createRegistrationOptions(policy, {
    username,
    displayName: username,
    rpId: "example.com",
    existing: await listCredentials(table, username),
    nowMs: Date.now(),
  });
  const response = softAuthenticator().register(creation, { origin: "https://app.example.com" });
  const context = { policy, table, clock: { now: () => Date.now() }, aaguids: aaguidDirectory("") };
  return (await registerPasskey(context, { username, response })).id;
}

const slotsTaken = async (username: string) =>
  Number(
    (await table.client.send(new GetItemCommand({ TableName: table.name, Key: passkeyCountItemKey(username) }))).Item
      ?.passkeys?.N,
  );

describe("revokeAllPasskeys", () => {
  it("deletes every passkey of the user and gives their slots back, and no one else's", async () => {
    const [user, other] = [crypto.randomUUID(), crypto.randomUUID()];
    const ids = [await register(user), await register(user), await register(user)];
    const theirs = await register(other);
    expect(await slotsTaken(user)).toBe(3);

    expect((await revokeAllPasskeys(table, user)).sort()).toEqual([...ids].sort());
    expect(await listCredentials(table, user)).toEqual([]);
    expect(await slotsTaken(user)).toBe(0);
    expect((await listCredentials(table, other)).map((passkey) => passkey.id)).toEqual([theirs]);
    expect(await revokeAllPasskeys(table, user)).toEqual([]);
  });

  it("run twice at once, deletes each passkey once and fails neither", async () => {
    const user = crypto.randomUUID();
    const ids = [await register(user), await register(user)];
    const [first, second] = await Promise.all([revokeAllPasskeys(table, user), revokeAllPasskeys(table, user)]);
    expect([...first, ...second].sort()).toEqual([...ids].sort());
    expect(await slotsTaken(user)).toBe(0);
  });

  it("takes one query, then a delete and a slot release per passkey", async () => {
    const user = crypto.randomUUID();
    await register(user);
    await register(user);
    table.calls.reset();
    await revokeAllPasskeys(table, user);
    expect(table.calls.byCommand).toEqual({ QueryCommand: 1, DeleteItemCommand: 2, UpdateItemCommand: 2 });
  });
});
