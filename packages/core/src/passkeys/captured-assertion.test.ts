import {
  type CapturedFixture,
  capturedFixtures,
  fixturePolicy,
  otherSite,
  storedCredential,
} from "@latchkey/testkit/captured";
import { referenceVerify } from "@latchkey/testkit/passkeys";
import { beforeAll, describe, expect, it } from "vitest";
import { type AssertionExpectation, checkAssertion } from "./check-assertion.ts";
import { checkRegistration } from "./check-registration.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { verifyAssertion } from "./verify-assertion.ts";

/** The policy a fixture's site needs to accept it: user verification only required when it was given. */
const lenient = (fixture: CapturedFixture, overrides: Record<string, string> = {}) =>
  fixturePolicy(fixture, {
    LATCHKEY_USER_VERIFICATION: fixture.expected.userVerified ? "required" : "preferred",
    ...overrides,
  });

/**
 * The fixture's credential as registration stores it now: its COSE key also as SPKI, taken from the
 * fixture's own registration; or, `legacy`, as stored before the SPKI form was kept (COSE only).
 */
const stored = new Map<string, CredentialRecord>();
async function storeFixture(fixture: CapturedFixture) {
  const { challenge, response } = fixture.registration;
  const { credential } = await checkRegistration(lenient(fixture), { challenge, rpIds: [fixture.rpId] }, response);
  expect(credential.publicKeySpki).toBeInstanceOf(Uint8Array);
  stored.set(fixture.name, { ...storedCredential(fixture), publicKeySpki: credential.publicKeySpki });
}
const credentialOf = (fixture: CapturedFixture, legacy: boolean): CredentialRecord =>
  legacy ? storedCredential(fixture) : (stored.get(fixture.name) as CredentialRecord);

/** The response with the last byte of its signature flipped. */
function withTamperedSignature(response: AuthenticationResponseJSON): AuthenticationResponseJSON {
  const signature = Buffer.from(response.response.signature, "base64url");
  signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 0x01;
  return { ...response, response: { ...response.response, signature: signature.toString("base64url") } };
}

beforeAll(async () => {
  for (const fixture of capturedFixtures) await storeFixture(fixture);
});

describe.each(
  capturedFixtures.flatMap((fixture) => [
    { fixture, legacy: false, form: "as registration stores it now" },
    { fixture, legacy: true, form: "stored before its SPKI key was kept" },
  ]),
)("sign-in captured from $fixture.authenticator, credential $form", ({ fixture, legacy }) => {
  const { expected } = fixture;
  const another = capturedFixtures[
    (capturedFixtures.indexOf(fixture) + 1) % capturedFixtures.length
  ] as CapturedFixture;
  const signIn = (
    changes: {
      policy?: PasskeyPolicy;
      expected?: Partial<AssertionExpectation>;
      response?: AuthenticationResponseJSON;
      credential?: Partial<CredentialRecord>;
    } = {},
  ) =>
    checkAssertion(
      changes.policy ?? lenient(fixture),
      { challenge: fixture.assertion.challenge, rpId: fixture.rpId, ...changes.expected },
      {
        response: changes.response ?? fixture.assertion.response,
        credential: { ...credentialOf(fixture, legacy), ...changes.credential },
      },
    );
  /**
   * A pass, which for a credential stored without its SPKI key carries that key, as registration
   * stores it, for the sign-in's write to keep.
   */
  const accepted = (counter: number) => ({
    ok: true,
    counter,
    backedUp: expected.backedUp,
    ...(legacy && { publicKeySpki: credentialOf(fixture, false).publicKeySpki }),
  });

  it("is accepted for its site, with the authenticator's counter and backup state", async () => {
    expect(await signIn()).toEqual(accepted(expected.assertionCounter));
  });

  it(`is ${expected.userVerified ? "accepted" : "refused"} by the default policy (user verification required)`, async () => {
    const result = await signIn({ policy: fixturePolicy(fixture) });
    expect(result).toEqual(
      expected.userVerified ? accepted(expected.assertionCounter) : { ok: false, reason: "user verification required" },
    );
  });

  it("is refused with a signature byte altered", async () => {
    const result = await signIn({ response: withTamperedSignature(fixture.assertion.response) });
    expect(result).toEqual({ ok: false, reason: "signature invalid" });
  });

  it("is refused for another challenge", async () => {
    const challenge = fixture.registration.challenge;
    expect(await signIn({ expected: { challenge } })).toEqual({ ok: false, reason: "challenge mismatch" });
  });

  it("is refused on a site that does not allow its origin", async () => {
    const policy = lenient(fixture, { LATCHKEY_ALLOWED_ORIGINS: otherSite.origin });
    expect(await signIn({ policy })).toEqual({ ok: false, reason: "origin not allowed" });
  });

  it("is refused for another RP ID", async () => {
    const result = await signIn({ expected: { rpId: otherSite.rpId } });
    expect(result).toEqual({ ok: false, reason: "RP ID hash mismatch" });
  });

  it(`is refused against another credential's key (${another.name})`, async () => {
    const { publicKey, publicKeySpki } = credentialOf(another, legacy);
    expect(await signIn({ credential: { publicKey, publicKeySpki } })).toEqual({
      ok: false,
      reason: "signature invalid",
    });
  });

  it(
    expected.assertionCounter > 0
      ? "is refused when replayed: its counter did not grow"
      : "has no counter (always 0), so a replay is not caught by it: single use of the challenge is what refuses one",
    async () => {
      const result = await signIn({ credential: { counter: expected.assertionCounter } });
      expect(result).toEqual(
        expected.assertionCounter > 0 ? { ok: false, reason: "counter did not grow" } : accepted(0),
      );
    },
  );

  it("gets the verdicts of @simplewebauthn/server's verifyAuthenticationResponse, as captured and altered", async () => {
    const policy = lenient(fixture);
    const credential = credentialOf(fixture, legacy);
    const { challenge } = fixture.assertion;
    const captured = { response: fixture.assertion.response, credential };
    const cases = [
      captured,
      { response: withTamperedSignature(fixture.assertion.response), credential },
      {
        response: fixture.assertion.response,
        credential: {
          ...credential,
          publicKey: credentialOf(another, legacy).publicKey,
          publicKeySpki: credentialOf(another, legacy).publicKeySpki,
        },
      },
      { response: fixture.assertion.response, credential: { ...credential, rpId: otherSite.rpId } },
    ];
    for (const input of cases) {
      const ours = await checkAssertion(policy, { challenge, rpId: input.credential.rpId }, input);
      expect(ours.ok).toBe(await referenceVerify(policy, { ...input, challenge }));
    }
    expect(await referenceVerify(policy, { ...captured, challenge })).toBe(true);
  });

  it("is refused by the production path: its challenge is not one we signed", async () => {
    const credential = credentialOf(fixture, legacy);
    const result = await verifyAssertion(lenient(fixture), {
      response: fixture.assertion.response,
      credential,
      username: credential.username,
      nowMs: Date.now(),
    });
    expect(result).toEqual({ ok: false, reason: "challenge not issued by us" });
  });
});
