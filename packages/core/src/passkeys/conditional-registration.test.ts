/**
 * A conditional registration (WebAuthn conditional create, `mediation: "conditional"`): the password
 * manager makes the passkey without a prompt, so the authenticator data may say neither user presence
 * nor user verification. Only a challenge issued for a conditional registration waives those two flags;
 * every other check still holds.
 */
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { AAGUIDS_FIXTURE, type RegistrationCeremony, softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aaguidDirectory } from "./aaguid-directory.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { openChallenge } from "./open-challenge.ts";
import { passkeyPolicy } from "./policy.ts";
import { registerPasskey } from "./register-passkey.ts";

const USER = "5f0c5a2e-0000-4000-8000-00000000c0de";
let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const policy = passkeyPolicy(testConfig());
const context = () => ({ policy, table, clock: { now: () => Date.now() }, aaguids: aaguidDirectory(AAGUIDS_FIXTURE) });

function options(conditional: boolean, chosen = policy) {
  return createRegistrationOptions(chosen, {
    username: USER,
    displayName: "a@example.com",
    rpId: TEST_RP_ID,
    existing: [],
    nowMs: Date.now(),
    conditional,
  });
}

function register(conditional: boolean, ceremony: Partial<RegistrationCeremony>) {
  const response = softAuthenticator().register(options(conditional), { origin: TEST_ORIGIN, ...ceremony });
  return registerPasskey(context(), { username: USER, response });
}

const refusal = (result: Promise<unknown>) =>
  result.then(
    () => "registered",
    (error: { code?: string }) => error.code,
  );

describe("a conditional registration", () => {
  it("asks for user verification only as preferred, since a password manager may not collect it", () => {
    expect(options(false).authenticatorSelection?.userVerification).toBe("required");
    expect(options(true).authenticatorSelection?.userVerification).toBe("preferred");
    const discouraged = passkeyPolicy(testConfig({ LATCHKEY_USER_VERIFICATION: "discouraged" }));
    expect(options(true, discouraged).authenticatorSelection?.userVerification).toBe("discouraged");
  });

  it("registers a passkey made without user presence or verification", async () => {
    const record = await registerPasskey(context(), {
      username: USER,
      response: softAuthenticator().register(options(true), { origin: TEST_ORIGIN, flags: { up: false, uv: false } }),
    });
    expect(record).toMatchObject({ username: USER, rpId: TEST_RP_ID });
  });

  it("still refuses an ordinary registration without user presence, or without user verification", async () => {
    expect(await refusal(register(false, { flags: { up: false } }))).toBe("VERIFICATION_FAILED");
    expect(await refusal(register(false, { flags: { uv: false } }))).toBe("VERIFICATION_FAILED");
  });

  it("keeps every other check: a wrong origin, another RP ID, a sign-in response", async () => {
    expect(await refusal(register(true, { origin: "https://evil.example" }))).toBe("VERIFICATION_FAILED");
    expect(await refusal(register(true, { rpId: "other.example" }))).toBe("VERIFICATION_FAILED");
    expect(await refusal(register(true, { type: "webauthn.get" }))).toBe("VERIFICATION_FAILED");
  });

  it("has a challenge of its own, which no sign-in accepts", () => {
    const { challenge } = options(true);
    const nowMs = Date.now();
    expect(openChallenge(policy, challenge, { purpose: "authentication", username: USER, nowMs })).toEqual({
      ok: false,
      reason: "challenge issued for another purpose",
    });
    expect(openChallenge(policy, challenge, { purpose: "conditional-registration", username: USER, nowMs }).ok).toBe(
      true,
    );
  });
});
