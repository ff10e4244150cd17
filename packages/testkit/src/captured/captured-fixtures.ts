import { readFileSync } from "node:fs";
import {
  type AuthenticationResponseJSON,
  type CredentialRecord,
  type PasskeyPolicy,
  passkeyPolicy,
  type RegistrationResponseJSON,
} from "@latchkey/core/passkeys";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";

/** Where a value was published: a public repository at a commit, and the files it sits in. */
export interface CapturedSource {
  repository: string;
  commit: string;
  files: string[];
  /** What the source says the data is, and how it was re-encoded for these files. */
  note: string;
}

/**
 * A registration and a sign-in made by a real authenticator with the same credential, for the site
 * (RP ID and origin) it was captured on, and what verifying them must yield.
 */
export interface CapturedFixture {
  /** The file's name without .json. */
  name: string;
  authenticator: string;
  source: CapturedSource;
  rpId: string;
  origin: string;
  registration: { challenge: string; response: RegistrationResponseJSON };
  assertion: { challenge: string; response: AuthenticationResponseJSON };
  expected: {
    attestationFormat: string;
    aaguid: string;
    /** COSE algorithm of the credential key. */
    algorithm: number;
    /** COSE key, base64url. */
    publicKey: string;
    backupEligible: boolean;
    backedUp: boolean;
    transports: string[];
    registrationCounter: number;
    assertionCounter: number;
    /** Whether both ceremonies carry the UV flag. */
    userVerified: boolean;
  };
}

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8"));

export const capturedFixtures: CapturedFixture[] = [
  "icloud-keychain",
  "google-password-manager",
  "windows-hello-rs256",
  "windows-hello-tpm",
  "yubikey-5",
  "yubikey-5-nfc",
].map((name) => ({ name, ...(read(`${name}.json`) as Omit<CapturedFixture, "name">) }));

/** PEM trust anchors for the attested fixtures, by attestation format. */
export const capturedTrustRoots = read("trust-roots.json") as Record<
  "packed" | "tpm",
  { source: CapturedSource; certificates: string[] }
>;

/**
 * A policy for the fixture's site alone: its RP ID and origin replace the test ones (the default policy
 * otherwise: user verification required, attestation none), with overrides.
 */
export function fixturePolicy(fixture: CapturedFixture, overrides: Record<string, string> = {}): PasskeyPolicy {
  return passkeyPolicy(
    testConfig({ LATCHKEY_RP_IDS: fixture.rpId, LATCHKEY_ALLOWED_ORIGINS: fixture.origin, ...overrides }),
  );
}

/** A policy for another site: the test config's RP ID and origin, which no fixture was captured on. */
export const otherSite = { rpId: TEST_RP_ID, origin: TEST_ORIGIN };

/**
 * The fixture's credential as registration stores it, built from the expected values (so the assertion
 * tests stand alone); its user is the one the sign-in's user handle names, when it names one.
 */
export function storedCredential(fixture: CapturedFixture): CredentialRecord {
  const { expected, registration, assertion } = fixture;
  const { userHandle } = assertion.response.response;
  return {
    id: registration.response.id,
    publicKey: new Uint8Array(Buffer.from(expected.publicKey, "base64url")),
    counter: expected.registrationCounter,
    transports: expected.transports,
    aaguid: expected.aaguid,
    backupEligible: expected.backupEligible,
    backedUp: expected.backedUp,
    rpId: fixture.rpId,
    friendlyName: fixture.authenticator,
    createdAt: "",
    lastUsedAt: undefined,
    username: userHandle ? Buffer.from(userHandle, "base64url").toString("utf8") : "captured-user",
  };
}
