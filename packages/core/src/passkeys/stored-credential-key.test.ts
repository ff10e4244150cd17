import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { type SoftAlgorithm, softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passkeyItemKey } from "../table/item-keys.ts";
import { aaguidDirectory } from "./aaguid-directory.ts";
import { authenticatePasskey } from "./authenticate-passkey.ts";
import { createAuthenticationOptions } from "./create-authentication-options.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { passkeyPolicy } from "./policy.ts";
import { registerPasskey } from "./register-passkey.ts";
import { getCredential } from "./store/get-credential.ts";

const USER = "5b1c1e90-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig({ LATCHKEY_MAX_PASSKEYS_PER_USER: "100" }));
let table: TestTable;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const clock = { now: () => Date.now() };

async function enrol(algorithm: SoftAlgorithm) {
  const softKey = softAuthenticator({ algorithm });
  const creation = createRegistrationOptions(policy, {
    username: USER,
    displayName: USER,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs: Date.now(),
  });
  const response = softKey.register(creation, { origin: TEST_ORIGIN });
  await registerPasskey({ table, policy, clock, aaguids: aaguidDirectory("") }, { username: USER, response });
  return softKey;
}

const item = async (id: string) =>
  (await table.client.send(new GetItemCommand({ TableName: table.name, Key: passkeyItemKey(id) }))).Item ?? {};

/** A usernameless sign-in; `tampered`: the last byte of its signature flipped. */
const signIn = (softKey: ReturnType<typeof softAuthenticator>, origin = TEST_ORIGIN, tampered = false) => {
  const options = createAuthenticationOptions(policy, {
    username: "",
    rpId: TEST_RP_ID,
    credentials: [],
    nowMs: Date.now(),
  });
  const response = softKey.authenticate(options, { origin });
  const signature = Buffer.from(response.response.signature, "base64url");
  if (tampered) signature[signature.length - 1] = (signature.at(-1) as number) ^ 0x01;
  response.response.signature = signature.toString("base64url");
  const answer = JSON.stringify(response);
  return authenticatePasskey({ policy, table, clock }, { username: USER, answer });
};

describe.each(["ES256", "EdDSA", "RS256"] as const)("a stored %s credential's key", (algorithm) => {
  it("is kept as SPKI beside the COSE key, and signs in", async () => {
    const softKey = await enrol(algorithm);
    const spki = new Uint8Array(softKey.publicKey.export({ format: "der", type: "spki" }));
    expect((await item(softKey.id)).publicKeySpki?.B).toEqual(spki);
    expect((await getCredential(table, softKey.id))?.publicKeySpki).toEqual(spki);
    expect(await signIn(softKey)).toEqual({ ok: true, credentialId: softKey.id });
    expect(await signIn(softKey, "https://evil.example")).toEqual({ ok: false, reason: "origin not allowed" });
    expect(await signIn(softKey, TEST_ORIGIN, true)).toEqual({ ok: false, reason: "signature invalid" });
  });

  it("stored before the SPKI form was kept (COSE alone), still signs in, and keeps its refusals", async () => {
    const softKey = await enrol(algorithm);
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(softKey.id),
        UpdateExpression: "REMOVE publicKeySpki",
      }),
    );
    expect(await getCredential(table, softKey.id)).not.toHaveProperty("publicKeySpki");
    expect(await signIn(softKey)).toEqual({ ok: true, credentialId: softKey.id });
    expect(await signIn(softKey)).toEqual({ ok: true, credentialId: softKey.id });
    expect(await signIn(softKey, "https://evil.example")).toEqual({ ok: false, reason: "origin not allowed" });
    expect(await signIn(softKey, TEST_ORIGIN, true)).toEqual({ ok: false, reason: "signature invalid" });
    expect((await getCredential(table, softKey.id))?.counter).toBe(2);
  });
});
