import type { KeyObject } from "node:crypto";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { registeredCredential, softAuthenticator } from "@latchkey/testkit/passkeys";
import { describe, expect, it } from "vitest";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { issueChallenge } from "./issue-challenge.ts";
import { passkeyPolicy } from "./policy.ts";
import { verifyAssertion } from "./verify-assertion.ts";
import { verifyRegistration } from "./verify-registration.ts";

const USER = "45a00000-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());

/** Registration as the api runs it: creation options, the authenticator, verifyRegistration. */
function register(rsa: { modulusLength?: number; publicExponent?: number }) {
  const softKey = softAuthenticator({ algorithm: "RS256", rsa });
  const nowMs = Date.now();
  const options = createRegistrationOptions(policy, {
    username: USER,
    displayName: USER,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs,
  });
  const response = softKey.register(options, { origin: TEST_ORIGIN });
  return verifyRegistration(policy, { response, username: USER, nowMs });
}

describe("RS256 credential keys", () => {
  it.each([
    ["2048 bits", { modulusLength: 2048 }],
    ["3072 bits", { modulusLength: 3072 }],
    ["4096 bits", { modulusLength: 4096 }],
  ])("are registered with exponent 65537 and a modulus of %s", async (_, rsa) => {
    await expect(register(rsa)).resolves.toMatchObject({ credential: { username: USER } });
  });

  it.each([
    ["a 1024-bit modulus", { modulusLength: 1024 }],
    ["a 2047-bit modulus", { modulusLength: 2047 }],
    ["a 4104-bit modulus", { modulusLength: 4104 }],
    ["exponent 3", { publicExponent: 3 }],
    ["exponent 2^32 - 1", { publicExponent: 0xffffffff }],
  ])("are refused at registration with %s", async (_, rsa) => {
    await expect(register(rsa)).rejects.toMatchObject({
      code: "VERIFICATION_FAILED",
      message: expect.stringContaining("RSA keys must have exponent 65537 and a 2048- to 4096-bit modulus"),
    });
  });

  it.each([
    ["as COSE alone (stored before its SPKI form was kept)", () => undefined],
    ["with its SPKI form", (key: KeyObject) => new Uint8Array(key.export({ format: "der", type: "spki" }))],
  ])(
    "already stored with a non-conforming exponent %s, sign nobody in, even with a valid signature",
    async (_, spki) => {
      const { record } = await registeredCredential(policy, USER, { algorithm: "RS256" });
      const hostile = softAuthenticator({ algorithm: "RS256", rsa: { publicExponent: 0xffffffff } });
      const stored = {
        ...record,
        id: hostile.id,
        publicKey: hostile.cosePublicKey,
        publicKeySpki: spki(hostile.publicKey),
      };
      const challenge = issueChallenge(policy, {
        purpose: "authentication",
        username: USER,
        rpId: TEST_RP_ID,
        nowMs: Date.now(),
      });
      const response = hostile.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN });
      const verdict = await verifyAssertion(policy, {
        response,
        credential: stored,
        username: USER,
        nowMs: Date.now(),
      });
      expect(verdict).toEqual({ ok: false, reason: "unsupported credential key" });
    },
  );
});
