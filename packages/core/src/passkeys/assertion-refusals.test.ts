import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { type Ceremony, referenceVerify, registeredCredential, softAuthenticator } from "@latchkey/testkit/passkeys";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";
import { issueChallenge } from "./issue-challenge.ts";
import { passkeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { verifyAssertion } from "./verify-assertion.ts";

const USER = "0ef05a15-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());

type Response = AuthenticationResponseJSON;
const flipped = (response: Response, field: "authenticatorData" | "signature", index: number): Response => {
  const bytes = Buffer.from(response.response[field], "base64url");
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return { ...response, response: { ...response.response, [field]: bytes.toString("base64url") } };
};
const spkiOf = (softKey: { publicKey: KeyObject }) =>
  new Uint8Array(softKey.publicKey.export({ format: "der", type: "spki" }));

/**
 * One change each to a valid sign-in (counter 6 for a credential stored at 5), the reason we refuse it
 * for, and whether @simplewebauthn/server's verifyAuthenticationResponse accepts it.
 */
const cases: {
  name: string;
  ceremony?: Partial<Ceremony>;
  response?: (response: Response) => Response;
  credential?: (record: CredentialRecord, softKey: { publicKey: KeyObject }) => CredentialRecord;
  reason: string | undefined;
  /** The reference's verdict, when it is not the same as ours. */
  reference?: boolean;
}[] = [
  { name: "nothing changed", reason: undefined },
  { name: "another origin", ceremony: { origin: "https://evil.example" }, reason: "origin not allowed" },
  { name: "another RP ID", ceremony: { rpId: "other.example" }, reason: "RP ID hash mismatch" },
  { name: "a registration's client data", ceremony: { type: "webauthn.create" }, reason: "not an authentication" },
  { name: "no user presence", ceremony: { flags: { up: false } }, reason: "user not present" },
  { name: "no user verification", ceremony: { flags: { uv: false } }, reason: "user verification required" },
  { name: "backed up, not eligible", ceremony: { flags: { bs: true } }, reason: "backed up but not backup eligible" },
  { name: "now backup eligible", ceremony: { flags: { be: true } }, reason: "backup eligibility changed" },
  { name: "the stored counter", ceremony: { counter: 5 }, reason: "counter did not grow" },
  { name: "a lower counter", ceremony: { counter: 4 }, reason: "counter did not grow" },
  {
    name: "a challenge we never issued",
    ceremony: { challenge: Buffer.from("never issued").toString("base64url") },
    reason: "challenge not issued by us",
  },
  { name: "a signature bit flipped", response: (r) => flipped(r, "signature", -1), reason: "signature invalid" },
  { name: "a counter bit flipped", response: (r) => flipped(r, "authenticatorData", 36), reason: "signature invalid" },
  {
    name: "an RP ID hash bit flipped",
    response: (r) => flipped(r, "authenticatorData", 0),
    reason: "RP ID hash mismatch",
  },
  {
    name: "extension outputs (ED flag)",
    ceremony: { flagBits: 0x80, appended: isoCBOR.encode(new Map([["credProtect", 2]]) as never) },
    reason: undefined,
  },
  { name: "the ED flag without extensions", ceremony: { flagBits: 0x80 }, reason: "authenticator data malformed" },
  {
    name: "bytes after the counter",
    ceremony: { appended: Uint8Array.of(0xa0) },
    reason: "authenticator data malformed",
  },
  {
    name: "the AT flag (attested data in an assertion)",
    ceremony: { flagBits: 0x40, appended: new Uint8Array(40) },
    reason: "authenticator data malformed",
  },
  {
    name: "a stored SPKI key that is another key",
    credential: (record) => ({ ...record, publicKeySpki: spkiOf(softAuthenticator({ algorithm: "ES256" })) }),
    reason: "signature invalid",
    // The reference is given the COSE key, which is the right one: the SPKI form is what sign-in trusts.
    reference: true,
  },
  {
    name: "a stored SPKI key on a curve we do not register (P-384)",
    credential: (record) => ({ ...record, publicKeySpki: spkiOf(generateKeyPairSync("ec", { namedCurve: "P-384" })) }),
    reason: "unsupported credential key",
    reference: true,
  },
  {
    name: "a stored SPKI key cut short",
    credential: (record, softKey) => ({ ...record, publicKeySpki: spkiOf(softKey).subarray(0, -1) }),
    reason: "unsupported credential key",
    reference: true,
  },
];

describe.each(["ES256", "EdDSA", "RS256"] as const)("a %s sign-in", (algorithm) => {
  describe.each([
    ["as registration stores it now", (record: CredentialRecord) => record],
    ["stored before its SPKI key was kept", ({ publicKeySpki: _, ...record }: CredentialRecord) => record],
  ])("with the credential %s", (_, form) => {
    it.each(cases)("with $name: refused for its reason, as the reference refuses it", async (change) => {
      const { softKey, record } = await registeredCredential(policy, USER, { algorithm, signCount: 5 });
      expect(record.publicKeySpki).toEqual(spkiOf(softKey));
      const credential = (change.credential ?? ((r) => r))(form(record), softKey);
      const challenge = issueChallenge(policy, {
        purpose: "authentication",
        username: "",
        rpId: TEST_RP_ID,
        nowMs: Date.now(),
      });
      const signed = softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN, ...change.ceremony });
      const response = (change.response ?? ((r) => r))(signed);
      const ours = await verifyAssertion(policy, { response, credential, username: USER, nowMs: Date.now() });
      expect(ours).toEqual(
        change.reason ? { ok: false, reason: change.reason } : expect.objectContaining({ ok: true }),
      );
      expect(await referenceVerify(policy, { response, challenge, credential })).toBe(
        change.reference ?? change.reason === undefined,
      );
    });
  });
});

describe("a stored credential's key", () => {
  it("is the one its COSE key names, as SPKI", async () => {
    for (const algorithm of ["ES256", "EdDSA", "RS256"] as const) {
      const { softKey, record } = await registeredCredential(policy, USER, { algorithm });
      expect(Buffer.from(record.publicKey)).toEqual(Buffer.from(softKey.cosePublicKey));
      expect(record.publicKeySpki).toEqual(spkiOf(softKey));
    }
  });
});
