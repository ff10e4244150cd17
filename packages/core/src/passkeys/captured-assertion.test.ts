import {
  type CapturedFixture,
  capturedFixtures,
  fixturePolicy,
  otherSite,
  storedCredential,
} from "@latchkey/testkit/captured";
import { referenceVerify } from "@latchkey/testkit/passkeys";
import { describe, expect, it } from "vitest";
import { type AssertionExpectation, checkAssertion } from "./check-assertion.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { AuthenticationResponseJSON, CredentialRecord } from "./types.ts";
import { verifyAssertion } from "./verify-assertion.ts";

/** The policy a fixture's site needs to accept it: user verification only required when it was given. */
const lenient = (fixture: CapturedFixture, overrides: Record<string, string> = {}) =>
  fixturePolicy(fixture, {
    LATCHKEY_USER_VERIFICATION: fixture.expected.userVerified ? "required" : "preferred",
    ...overrides,
  });

const signIn = (
  fixture: CapturedFixture,
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
      credential: { ...storedCredential(fixture), ...changes.credential },
    },
  );

/** The response with the last byte of its signature flipped. */
function withTamperedSignature(response: AuthenticationResponseJSON): AuthenticationResponseJSON {
  const signature = Buffer.from(response.response.signature, "base64url");
  signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 0x01;
  return { ...response, response: { ...response.response, signature: signature.toString("base64url") } };
}

describe.each(capturedFixtures)("sign-in captured from $authenticator", (fixture) => {
  const { expected } = fixture;
  const another = capturedFixtures[
    (capturedFixtures.indexOf(fixture) + 1) % capturedFixtures.length
  ] as CapturedFixture;

  it("is accepted for its site, with the authenticator's counter and backup state", async () => {
    expect(await signIn(fixture)).toEqual({
      ok: true,
      counter: expected.assertionCounter,
      backedUp: expected.backedUp,
    });
  });

  it(`is ${expected.userVerified ? "accepted" : "refused"} by the default policy (user verification required)`, async () => {
    const result = await signIn(fixture, { policy: fixturePolicy(fixture) });
    expect(result).toEqual(
      expected.userVerified
        ? { ok: true, counter: expected.assertionCounter, backedUp: expected.backedUp }
        : { ok: false, reason: "user verification required" },
    );
  });

  it("is refused with a signature byte altered", async () => {
    const result = await signIn(fixture, { response: withTamperedSignature(fixture.assertion.response) });
    expect(result).toEqual({ ok: false, reason: "signature invalid" });
  });

  it("is refused for another challenge", async () => {
    const challenge = fixture.registration.challenge;
    expect(await signIn(fixture, { expected: { challenge } })).toEqual({ ok: false, reason: "challenge mismatch" });
  });

  it("is refused on a site that does not allow its origin", async () => {
    const policy = lenient(fixture, { LATCHKEY_ALLOWED_ORIGINS: otherSite.origin });
    expect(await signIn(fixture, { policy })).toEqual({ ok: false, reason: "origin not allowed" });
  });

  it("is refused for another RP ID", async () => {
    const result = await signIn(fixture, { expected: { rpId: otherSite.rpId } });
    expect(result).toEqual({ ok: false, reason: "RP ID hash mismatch" });
  });

  it(`is refused against another credential's key (${another.name})`, async () => {
    const publicKey = storedCredential(another).publicKey;
    expect(await signIn(fixture, { credential: { publicKey } })).toEqual({ ok: false, reason: "signature invalid" });
  });

  it(
    expected.assertionCounter > 0
      ? "is refused when replayed: its counter did not grow"
      : "has no counter (always 0), so a replay is not caught by it: single use of the challenge is what refuses one",
    async () => {
      const result = await signIn(fixture, { credential: { counter: expected.assertionCounter } });
      expect(result).toEqual(
        expected.assertionCounter > 0
          ? { ok: false, reason: "counter did not grow" }
          : { ok: true, counter: 0, backedUp: expected.backedUp },
      );
    },
  );

  it("gets the verdicts of @simplewebauthn/server's verifyAuthenticationResponse, as captured and altered", async () => {
    const policy = lenient(fixture);
    const credential = storedCredential(fixture);
    const { challenge } = fixture.assertion;
    const captured = { response: fixture.assertion.response, credential };
    const cases = [
      captured,
      { response: withTamperedSignature(fixture.assertion.response), credential },
      {
        response: fixture.assertion.response,
        credential: { ...credential, publicKey: storedCredential(another).publicKey },
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
    const credential = storedCredential(fixture);
    const result = await verifyAssertion(lenient(fixture), {
      response: fixture.assertion.response,
      credential,
      username: credential.username,
      nowMs: Date.now(),
    });
    expect(result).toEqual({ ok: false, reason: "challenge not issued by us" });
  });
});
