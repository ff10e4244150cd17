import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import {
  AAGUIDS_FIXTURE,
  type RegistrationCeremony,
  SOFT_AAGUID,
  type SoftAuthenticatorOptions,
  softAuthenticator,
  testAttestationRoots,
} from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tableSchema } from "../table/table-schema.ts";
import { aaguidDirectory } from "./aaguid-directory.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { type PasskeyPolicy, passkeyPolicy } from "./policy.ts";
import { type RegisterPasskeyContext, registerPasskey } from "./register-passkey.ts";
import { toItem } from "./store/credential-item.ts";
import { getCredential } from "./store/get-credential.ts";
import { listCredentials } from "./store/list-credentials.ts";
import type { CredentialRecord } from "./types.ts";

const USER = "5f0c5a2e-0000-4000-8000-000000000001";
const OTHER = "5f0c5a2e-0000-4000-8000-000000000002";
const aaguids = aaguidDirectory(AAGUIDS_FIXTURE);
let table: TestTable;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());
beforeEach(() => {
  table.calls.reset();
});

const defaultPolicy = passkeyPolicy(testConfig());

function context(policy = defaultPolicy, nowMs = () => Date.now()): RegisterPasskeyContext {
  return { policy, table, clock: { now: nowMs }, aaguids };
}

async function options(policy: PasskeyPolicy, username = USER, rpId = TEST_RP_ID) {
  const existing = await listCredentials(table, username);
  return createRegistrationOptions(policy, {
    username,
    displayName: "a@example.com",
    rpId,
    existing,
    nowMs: Date.now(),
  });
}

async function register(
  authenticator: SoftAuthenticatorOptions = {},
  ceremony: Partial<RegistrationCeremony> = {},
  ctx = context(),
  username = USER,
) {
  const softKey = softAuthenticator(authenticator);
  const response = softKey.register(await options(ctx.policy, username), { origin: TEST_ORIGIN, ...ceremony });
  return { softKey, response, result: registerPasskey(ctx, { username, response }) };
}

/** Rejected with this code, for this reason (the message or the underlying verifier's). */
async function expectRejected(result: Promise<unknown>, code: string, reason: RegExp) {
  const error = (await result.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { code?: string; message: string; cause?: { message?: string } } | undefined;
  expect(error?.code).toBe(code);
  expect(`${error?.message} ${error?.cause?.message ?? ""}`).toMatch(reason);
}

describe("registerPasskey", () => {
  it.each(["ES256", "EdDSA", "RS256"] as const)("registers a %s credential bound to its RP ID", async (algorithm) => {
    const { softKey, result } = await register({ algorithm, aaguid: SOFT_AAGUID });
    const record = await result;
    expect(record).toMatchObject({
      id: softKey.id,
      username: USER,
      rpId: TEST_RP_ID,
      counter: 0,
      transports: ["internal"],
      aaguid: SOFT_AAGUID,
      friendlyName: "Latchkey soft authenticator (test fixture)",
      backupEligible: false,
      backedUp: false,
    });
    expect(await getCredential(table, softKey.id)).toEqual({ ...record, uses: 0, redeemedChallenges: {} });
  });

  it("needs at most 4 DynamoDB calls for options and verification: list, redeem, take a slot, store", async () => {
    const { result } = await register();
    await result;
    expect(table.calls.sent).toEqual(["QueryCommand", "PutItemCommand", "UpdateItemCommand", "PutItemCommand"]);
  });

  it("keeps the friendly name given, and backup flags", async () => {
    const ctx = context();
    const softKey = softAuthenticator({ backupEligible: true, backedUp: true });
    const response = softKey.register(await options(ctx.policy), { origin: TEST_ORIGIN });
    const record = await registerPasskey(ctx, { username: USER, response, friendlyName: "Work laptop" });
    expect(record).toMatchObject({ friendlyName: "Work laptop", backupEligible: true, backedUp: true });
  });

  it("excludes the user's existing credentials from new options", async () => {
    const { softKey, result } = await register({}, {}, context(), OTHER);
    await result;
    const again = await options(context().policy, OTHER);
    expect(again.excludeCredentials?.map((c) => c.id)).toContain(softKey.id);
    expect(again.user.id).toBe(Buffer.from(OTHER).toString("base64url"));
  });

  it("refuses a credential ID that is already registered, to anyone", async () => {
    const credentialId = crypto.getRandomValues(new Uint8Array(32));
    await (await register({ credentialId })).result;
    const second = await register({ credentialId }, {}, context(), OTHER);
    await expect(second.result).rejects.toMatchObject({ code: "CREDENTIAL_EXISTS" });
    expect((await getCredential(table, second.softKey.id))?.username).toBe(USER);
  });

  it("registers a credential ID of 1023 bytes, within DynamoDB's key limits, and lists it", async () => {
    const { softKey, result } = await register({ credentialId: crypto.getRandomValues(new Uint8Array(1023)) });
    await expect(result).resolves.toMatchObject({ id: softKey.id });
    const item = toItem((await getCredential(table, softKey.id)) as CredentialRecord);
    // DynamoDB's limits: 2048 bytes for a partition key, 1024 for a sort key (dynalite does not check).
    expect(Buffer.byteLength(item[tableSchema.partitionKey]?.S ?? "")).toBeLessThanOrEqual(2048);
    expect(Buffer.byteLength(item[tableSchema.userIndex.sortKey]?.S ?? "")).toBeLessThanOrEqual(1024);
    expect((await listCredentials(table, USER)).map((credential) => credential.id)).toContain(softKey.id);
  });

  it("refuses a credential ID over 1023 bytes", async () => {
    const { result } = await register({ credentialId: crypto.getRandomValues(new Uint8Array(1024)) });
    await expect(result).rejects.toMatchObject({
      code: "VERIFICATION_FAILED",
      message: expect.stringContaining("too long"),
    });
  });

  it("refuses a reused challenge", async () => {
    const { response, result } = await register();
    await result;
    await expectRejected(registerPasskey(context(), { username: USER, response }), "CHALLENGE_INVALID", /already used/);
  });

  it("refuses an expired challenge", async () => {
    const { result } = await register(
      {},
      {},
      context(undefined, () => Date.now() + 301_000),
    );
    await expect(result).rejects.toMatchObject({
      code: "CHALLENGE_INVALID",
      message: expect.stringContaining("expired"),
    });
  });

  it("refuses a challenge it never issued", async () => {
    const forged = Buffer.alloc(120, 7).toString("base64url");
    const { result } = await register({}, { challenge: forged });
    await expectRejected(result, "CHALLENGE_INVALID", /not issued by us/);
  });

  it("refuses a challenge issued to another user", async () => {
    const policy = passkeyPolicy(testConfig());
    const softKey = softAuthenticator();
    const response = softKey.register(await options(policy, OTHER), { origin: TEST_ORIGIN });
    await expectRejected(
      registerPasskey(context(policy), { username: USER, response }),
      "CHALLENGE_INVALID",
      /another user/,
    );
  });

  it("refuses a wrong origin", async () => {
    const { result } = await register({}, { origin: "https://evil.example" });
    await expectRejected(result, "VERIFICATION_FAILED", /origin/);
  });

  it("refuses an allowed origin whose host is not of the RP ID", async () => {
    const { result } = await register({}, { origin: "https://other.example" });
    await expectRejected(result, "VERIFICATION_FAILED", /origin not of the RP ID/);
  });

  it("accepts that origin once it is one of the first RP ID's related origins", async () => {
    const related = context(passkeyPolicy(testConfig({ LATCHKEY_RELATED_ORIGINS: "https://other.example" })));
    const { softKey, result } = await register({}, { origin: "https://other.example" }, related);
    expect(await result).toMatchObject({ id: softKey.id, rpId: TEST_RP_ID });
  });

  it("asks for the configured hints and kind of authenticator", async () => {
    const policy = passkeyPolicy(
      testConfig({
        LATCHKEY_WEBAUTHN_HINTS: "security-key,hybrid",
        LATCHKEY_AUTHENTICATOR_ATTACHMENT: "cross-platform",
      }),
    );
    const made = await options(policy);
    expect(made.hints).toEqual(["security-key", "hybrid"]);
    expect(made.authenticatorSelection?.authenticatorAttachment).toBe("cross-platform");
    const plain = await options(defaultPolicy);
    expect(plain).not.toHaveProperty("hints");
    expect(plain.authenticatorSelection).not.toHaveProperty("authenticatorAttachment");
  });

  it("refuses an RP ID hash for another RP ID", async () => {
    const { result } = await register({}, { rpId: "other.example" });
    await expectRejected(result, "VERIFICATION_FAILED", /RP ID/);
  });

  it("refuses a response without user verification when it is required", async () => {
    const { result } = await register({}, { flags: { uv: false } });
    await expectRejected(result, "VERIFICATION_FAILED", /User verification/);
  });

  it("accepts no user verification when configured as preferred", async () => {
    const ctx = context(passkeyPolicy(testConfig({ LATCHKEY_USER_VERIFICATION: "preferred" })));
    const { result } = await register({}, { flags: { uv: false } }, ctx);
    await expect(result).resolves.toMatchObject({ username: USER });
  });

  it("refuses a response without user presence", async () => {
    const { result } = await register({}, { flags: { up: false, uv: false } });
    await expectRejected(result, "VERIFICATION_FAILED", /presen/);
  });

  it("refuses an authentication response posing as a registration", async () => {
    const { result } = await register({}, { type: "webauthn.get" });
    await expectRejected(result, "VERIFICATION_FAILED", /not a registration/);
  });

  describe("with direct attestation", () => {
    /** Direct attestation as a deployment configures it: its trust roots in a JSON file. */
    const direct = (roots: string[]) => {
      const file = join(mkdtempSync(join(tmpdir(), "latchkey-roots-")), "roots.json");
      writeFileSync(file, JSON.stringify({ packed: roots }));
      const config = testConfig({ LATCHKEY_ATTESTATION: "direct", LATCHKEY_ATTESTATION_ROOTS_FILE: file });
      return context(passkeyPolicy(config));
    };

    it("accepts an attestation chaining to a trust root", async () => {
      const { result } = await register({}, { attestation: "packed-full" }, direct([testAttestationRoots.trusted()]));
      await expect(result).resolves.toMatchObject({ username: USER });
    });

    it("refuses a chain to another root", async () => {
      const { result } = await register({}, { attestation: "packed-full" }, direct([testAttestationRoots.unrelated()]));
      await expectRejected(result, "VERIFICATION_FAILED", /trust anchor|chain|certificate/i);
    });

    it("refuses a packed chain when no roots are configured", async () => {
      const ctx = context(passkeyPolicy(testConfig({ LATCHKEY_ATTESTATION: "direct" })));
      const { result } = await register({}, { attestation: "packed-full" }, ctx);
      await expectRejected(result, "VERIFICATION_FAILED", /trust anchor|chain|certificate|root/i);
    });

    it("refuses self attestation and no attestation", async () => {
      const ctx = direct([testAttestationRoots.trusted()]);
      await expect((await register({}, { attestation: "packed-self" }, ctx)).result).rejects.toMatchObject({
        code: "VERIFICATION_FAILED",
        message: expect.stringContaining("self attestation"),
      });
      await expect((await register({}, { attestation: "none" }, ctx)).result).rejects.toMatchObject({
        code: "VERIFICATION_FAILED",
        message: expect.stringContaining("attestation required"),
      });
    });
  });
});
