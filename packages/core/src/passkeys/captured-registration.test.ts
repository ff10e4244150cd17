import { createPublicKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CapturedFixture,
  capturedFixtures,
  capturedTrustRoots,
  fixturePolicy,
  otherSite,
} from "@latchkey/testkit/captured";
import { SettingsService } from "@simplewebauthn/server";
import { decodeAttestationObject, decodeCredentialPublicKey } from "@simplewebauthn/server/helpers";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { checkRegistration } from "./check-registration.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { RegistrationResponseJSON } from "./types.ts";
import { verifyRegistration } from "./verify-registration.ts";

/** Rejected with this code, and this reason in the message or in the underlying verifier's. */
async function expectRejected(result: Promise<unknown>, code: string, reason: RegExp) {
  const error = (await result.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { code?: string; message: string; cause?: { message?: string } } | undefined;
  expect(error?.code).toBe(code);
  expect(`${error?.message} ${error?.cause?.message ?? ""}`).toMatch(reason);
}

/** The policy a fixture's site needs to accept it: user verification only required when it was given. */
const lenient = (fixture: CapturedFixture, overrides: Record<string, string> = {}) =>
  fixturePolicy(fixture, {
    LATCHKEY_USER_VERIFICATION: fixture.expected.userVerified ? "required" : "preferred",
    ...overrides,
  });

const register = (
  fixture: CapturedFixture,
  policy: PasskeyPolicy = lenient(fixture),
  expected = { challenge: fixture.registration.challenge, rpIds: [fixture.rpId] },
  response: RegistrationResponseJSON = fixture.registration.response,
) => checkRegistration(policy, expected, response);

/** The response with one byte of its attestation statement's signature flipped, in place. */
function withTamperedStatement(response: RegistrationResponseJSON): RegistrationResponseJSON {
  const bytes = Buffer.from(response.response.attestationObject, "base64url");
  const sig = decodeAttestationObject(new Uint8Array(bytes)).get("attStmt").get("sig") as Uint8Array;
  const at = bytes.indexOf(Buffer.from(sig)) + sig.length - 1;
  bytes[at] = (bytes[at] as number) ^ 0x01;
  return { ...response, response: { ...response.response, attestationObject: bytes.toString("base64url") } };
}

describe.each(capturedFixtures)("registration captured from $authenticator", (fixture) => {
  const { expected } = fixture;

  it("is accepted for its site, with the authenticator's AAGUID, key, backup state and transports", async () => {
    const { credential, attestationFormat } = await register(fixture);
    expect(attestationFormat).toBe(expected.attestationFormat);
    expect(credential).toMatchObject({
      id: fixture.registration.response.id,
      aaguid: expected.aaguid,
      backupEligible: expected.backupEligible,
      backedUp: expected.backedUp,
      transports: expected.transports,
      counter: expected.registrationCounter,
      rpId: fixture.rpId,
    });
    expect(Buffer.from(credential.publicKey).toString("base64url")).toBe(expected.publicKey);
    expect(decodeCredentialPublicKey(new Uint8Array(credential.publicKey)).get(3)).toBe(expected.algorithm);
    // Stored also as SPKI for sign-in: the same key, coordinate for coordinate (RSA: n and e).
    const cose = decodeCredentialPublicKey(new Uint8Array(credential.publicKey)) as unknown as Map<number, unknown>;
    const jwk = createPublicKey({
      key: Buffer.from(credential.publicKeySpki ?? []),
      format: "der",
      type: "spki",
    }).export({
      format: "jwk",
    });
    const b64 = (label: number) => Buffer.from(cose.get(label) as Uint8Array).toString("base64url");
    expect(expected.algorithm === -257 ? [jwk.n, jwk.e] : [jwk.x, jwk.y]).toEqual(
      expected.algorithm === -257 ? [b64(-1), b64(-2)] : [b64(-2), cose.has(-3) ? b64(-3) : undefined],
    );
  });

  it(`is ${expected.userVerified ? "accepted" : "refused"} by the default policy (user verification required)`, async () => {
    const result = register(fixture, fixturePolicy(fixture));
    if (expected.userVerified) await expect(result).resolves.toMatchObject({ credential: { aaguid: expected.aaguid } });
    else await expectRejected(result, "VERIFICATION_FAILED", /response rejected.*User verification was required/);
  });

  it("is refused for another challenge", async () => {
    const challenge = Buffer.from("a challenge it never signed").toString("base64url");
    const result = register(fixture, lenient(fixture), { challenge, rpIds: [fixture.rpId] });
    await expectRejected(
      result,
      "VERIFICATION_FAILED",
      /response rejected.*Unexpected registration response challenge/,
    );
  });

  it("is refused on a site that does not allow its origin", async () => {
    const result = register(fixture, lenient(fixture, { LATCHKEY_ALLOWED_ORIGINS: otherSite.origin }));
    await expectRejected(result, "VERIFICATION_FAILED", /response rejected.*Unexpected registration response origin/);
  });

  it("is refused for another RP ID", async () => {
    const expectation = { challenge: fixture.registration.challenge, rpIds: [otherSite.rpId] };
    const result = register(fixture, lenient(fixture), expectation);
    await expectRejected(result, "VERIFICATION_FAILED", /response rejected.*Unexpected RP ID hash/);
  });

  it.runIf(expected.attestationFormat !== "none")("is refused with its attestation signature altered", async () => {
    const tampered = withTamperedStatement(fixture.registration.response);
    const result = register(fixture, lenient(fixture), undefined, tampered);
    await expectRejected(result, "VERIFICATION_FAILED", /attestation invalid/);
  });

  it("is refused by the production path: its challenge is not one we signed", async () => {
    const result = verifyRegistration(lenient(fixture), {
      response: fixture.registration.response,
      username: "captured-user",
      nowMs: Date.now(),
    });
    await expectRejected(result, "CHALLENGE_INVALID", /challenge not issued by us/);
  });
});

/** Under "direct" attestation: what each fixture yields with the trust roots configured. */
const direct: Record<string, RegExp | "accepted"> = {
  "icloud-keychain": /attestation required/,
  "google-password-manager": /attestation required/,
  "windows-hello-rs256": /self attestation/,
  "windows-hello-tpm": "accepted",
  "yubikey-5": "accepted",
  "yubikey-5-nfc": "accepted",
};

describe("captured registrations under direct attestation", () => {
  const directPolicy = (fixture: CapturedFixture, roots: Partial<Record<"packed" | "tpm", string[]>>) => {
    const file = join(mkdtempSync(join(tmpdir(), "latchkey-roots-")), "roots.json");
    writeFileSync(file, JSON.stringify(roots));
    return lenient(fixture, { LATCHKEY_ATTESTATION: "direct", LATCHKEY_ATTESTATION_ROOTS_FILE: file });
  };
  const allRoots = { packed: capturedTrustRoots.packed.certificates, tpm: capturedTrustRoots.tpm.certificates };
  // The chains are checked against the clock: pin it where every certificate is valid (the Windows
  // attestation key's certificate expires in June 2027). The Microsoft chain names a CRL, which
  // @simplewebauthn/server fetches: no network here, so the fetch fails and the check goes on.
  const fetch = vi.fn(async () => {
    throw new Error("no network in tests");
  });
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-01-01T00:00:00Z") });
    vi.stubGlobal("fetch", fetch);
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  // Roots live in @simplewebauthn/server's settings, process-wide: each case starts with none.
  afterEach(() => {
    for (const identifier of ["packed", "tpm"] as const)
      SettingsService.setRootCertificates({ identifier, certificates: [] });
  });

  it.each(capturedFixtures)("$name: as expected with the trust roots configured", async (fixture) => {
    const outcome = direct[fixture.name];
    const result = register(fixture, directPolicy(fixture, allRoots));
    if (outcome === "accepted")
      await expect(result).resolves.toMatchObject({ credential: { aaguid: fixture.expected.aaguid } });
    else await expectRejected(result, "VERIFICATION_FAILED", outcome as RegExp);
  });

  it.each(capturedFixtures.filter((fixture) => direct[fixture.name] === "accepted"))(
    "$name: refused without a root for its format, and with another format's root",
    async (fixture) => {
      const format = fixture.expected.attestationFormat as "packed" | "tpm";
      const other = format === "packed" ? "tpm" : "packed";
      const without = register(fixture, directPolicy(fixture, { [other]: allRoots[other] }));
      await expectRejected(without, "VERIFICATION_FAILED", new RegExp(`no trust roots for ${format} attestation`));
      const wrong = register(fixture, directPolicy(fixture, { [format]: allRoots[other] }));
      await expectRejected(
        wrong,
        "VERIFICATION_FAILED",
        /response rejected.*could not be chained to any specified trust anchor/,
      );
    },
  );

  it("checks the Windows chain's revocation online: a fetch of the CRL it names", async () => {
    const tpm = capturedFixtures.find((fixture) => fixture.expected.attestationFormat === "tpm") as CapturedFixture;
    fetch.mockClear();
    await register(tpm, directPolicy(tpm, allRoots));
    expect(fetch).toHaveBeenCalledWith(expect.stringContaining("microsoft.com/pkiops/crl/"));
  });
});
