import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import {
  type Ceremony,
  referenceVerify,
  registeredCredential,
  type SoftAuthenticatorOptions,
} from "@latchkey/testkit/passkeys";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";
import { issueChallenge } from "./issue-challenge.ts";
import { passkeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { verifyAssertion } from "./verify-assertion.ts";

const USER = "d1ff0000-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());

const enrol = (options: SoftAuthenticatorOptions) => registeredCredential(policy, USER, options);

/** A credential as registration stores it now (its key also as SPKI), and as it was stored before. */
const forms = {
  stored: (record: CredentialRecord) => record,
  legacy: ({ publicKeySpki: _, ...record }: CredentialRecord) => record,
};

/** Extension outputs, as an authenticator appends them to the authenticator data with the ED flag. */
const extensions = isoCBOR.encode(new Map<string, unknown>([["credProtect", 2]]) as never);

const flip = (value: string, index: number) => {
  const bytes = Buffer.from(value, "base64url");
  bytes[index % bytes.length] = (bytes[index % bytes.length] as number) ^ (1 << (index % 8));
  return bytes.toString("base64url");
};

const ceremonies: Partial<Ceremony>[] = [
  {},
  { origin: "https://evil.example" },
  { rpId: "other.example" },
  { type: "webauthn.create" },
  { flags: { up: false } },
  { flags: { uv: false } },
  { flags: { be: true } },
  { flags: { be: false } },
  { flags: { bs: true } },
  { flags: { be: true, bs: true } },
  { counter: 0 },
  { counter: 4 },
  { counter: 5 },
  { counter: 6 },
  { counter: 0xffffffff },
  { challenge: Buffer.from("a challenge we never issued").toString("base64url") },
  { flagBits: 0x80, appended: extensions },
  { flagBits: 0x80 },
  { appended: extensions },
  { appended: Uint8Array.of(0) },
  { flagBits: 0x40 },
  { flagBits: 0x40, appended: new Uint8Array(40) },
];

describe("verifyAssertion agrees with @simplewebauthn/server's verifyAuthenticationResponse", () => {
  it.each([
    ["ES256", { algorithm: "ES256", signCount: 5 }, "stored"],
    ["EdDSA", { algorithm: "EdDSA", signCount: 5 }, "stored"],
    ["RS256", { algorithm: "RS256", signCount: 5 }, "stored"],
    ["ES256, backup eligible", { algorithm: "ES256", signCount: 5, backupEligible: true, backedUp: true }, "stored"],
    ["ES256", { algorithm: "ES256", signCount: 5 }, "legacy"],
    ["EdDSA", { algorithm: "EdDSA", signCount: 5 }, "legacy"],
    ["RS256", { algorithm: "RS256", signCount: 5 }, "legacy"],
  ] as const)("%s, credential %s: on every forged field and on flipped bits", async (_, options, form) => {
    const enrolled = await enrol(options);
    const { softKey } = enrolled;
    const record = forms[form](enrolled.record);
    let accepted = 0;
    const verdicts = async (response: AuthenticationResponseJSON, challenge: string) => {
      const ours = await verifyAssertion(policy, { response, credential: record, username: USER, nowMs: Date.now() });
      if (ours.ok) accepted += 1;
      return { ours: ours.ok, reference: await referenceVerify(policy, { response, challenge, credential: record }) };
    };
    for (const ceremony of ceremonies) {
      const challenge = issueChallenge(policy, {
        purpose: "authentication",
        username: "",
        rpId: TEST_RP_ID,
        nowMs: Date.now(),
      });
      const response = softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN, ...ceremony });
      const signed = await verdicts(response, challenge);
      expect({ ceremony, ours: signed.ours }).toEqual({ ceremony, ours: signed.reference });
      for (const field of ["authenticatorData", "signature", "clientDataJSON"] as const) {
        for (const index of [0, 1, 3, 5, 20, 32, 33, 36, 40, 60]) {
          const flipped = {
            ...response,
            response: { ...response.response, [field]: flip(response.response[field], index) },
          };
          const verdict = await verdicts(flipped, challenge);
          // Never more lenient. (The reference reads DER signatures loosely, e.g. a wrong SEQUENCE length;
          // node:crypto refuses them, which only ever turns an accept into a refusal.)
          expect({ field, index, ceremony, accepted: verdict.ours && !verdict.reference }).toMatchObject({
            accepted: false,
          });
          if (field !== "signature")
            expect({ field, index, ceremony, ours: verdict.ours }).toEqual({
              field,
              index,
              ceremony,
              ours: verdict.reference,
            });
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });
});

describe("verifyAssertion, stricter than @simplewebauthn/server", () => {
  const related = passkeyPolicy(testConfig({ LATCHKEY_RELATED_ORIGINS: "https://other.example" }));
  const signIn = async (checked: typeof policy, origin: string) => {
    const { softKey, record } = await enrol({ algorithm: "ES256" });
    const challenge = issueChallenge(checked, {
      purpose: "authentication",
      username: "",
      rpId: TEST_RP_ID,
      nowMs: Date.now(),
    });
    const response = softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin });
    return {
      ours: await verifyAssertion(checked, { response, credential: record, username: USER, nowMs: Date.now() }),
      reference: await referenceVerify(checked, { response, challenge, credential: record }),
    };
  };

  it("refuses an allowed origin whose host is not of the RP ID, which the reference accepts", async () => {
    expect(await signIn(policy, "https://other.example")).toEqual({
      ours: { ok: false, reason: "origin not of the RP ID" },
      reference: true,
    });
  });

  it("accepts that origin once it is one of the first RP ID's related origins", async () => {
    expect(await signIn(related, "https://other.example")).toMatchObject({ ours: { ok: true }, reference: true });
  });
});
