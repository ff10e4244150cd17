import { LatchkeyError } from "../errors.ts";
import { RSA_KEY_RULE } from "./acceptable-rsa-key.ts";
import { fromBase64Url } from "./base64url.ts";
import { importCoseKey } from "./import-cose-key.ts";
import { loadSimpleWebAuthn, loadSimpleWebAuthnHelpers } from "./load-simplewebauthn.ts";
import { originMayUseRpId } from "./origin-may-use-rp-id.ts";
import { MAX_CREDENTIAL_ID_BYTES } from "./parse-response.ts";
import { type PasskeyPolicy, supportedAlgorithms } from "./policy.ts";
import type { CredentialRecord, RegistrationResponseJSON } from "./types.ts";

/** What this ceremony must match: the challenge the creation options carried and the RP IDs it may be for. */
export interface RegistrationExpectation {
  /** base64url, exactly as the client data echoes it. */
  challenge: string;
  rpIds: string[];
  /**
   * false for a conditional registration, whose authenticator data need not say user presence or user
   * verification; true (the default) holds them to the WebAuthn rules and the policy.
   */
  prompted?: boolean;
}

export interface CheckedRegistration {
  credential: Omit<CredentialRecord, "friendlyName" | "createdAt" | "lastUsedAt" | "username">;
  attestationFormat: string;
}

const failed = (reason: string, cause?: unknown) =>
  new LatchkeyError("VERIFICATION_FAILED", `Passkey registration failed: ${reason}.`, { cause });

/**
 * The WebAuthn checks of a registration response against an expected challenge and RP ID, with the
 * policy's origins, user verification and algorithms, and in "direct" mode an attestation that chains to
 * a trust root. Whose challenge it is is the caller's (verifyRegistration). @simplewebauthn/server is
 * loaded here, on first use, so paths that never verify never load it.
 */
export async function checkRegistration(
  policy: PasskeyPolicy,
  expected: RegistrationExpectation,
  response: RegistrationResponseJSON,
): Promise<CheckedRegistration> {
  const { verifyRegistrationResponse, SettingsService } = await loadSimpleWebAuthn();
  for (const [format, roots] of Object.entries(policy.attestationRoots)) {
    SettingsService.setRootCertificates({ identifier: format as "packed", certificates: roots });
  }
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: expected.challenge,
      expectedOrigin: policy.allowedOrigins,
      expectedRPID: expected.rpIds,
      requireUserPresence: expected.prompted !== false,
      requireUserVerification: expected.prompted !== false && policy.userVerification === "required",
      supportedAlgorithmIDs: [...supportedAlgorithms],
    });
  } catch (error) {
    throw failed("response rejected", error);
  }
  if (!result.verified) throw failed("attestation invalid");
  const info = result.registrationInfo;
  if (!originMayUseRpId(policy, info.origin, info.rpID as string)) throw failed("origin not of the RP ID");
  if (info.credential.id !== response.id) throw failed("credential ID differs from the authenticator's");
  if (fromBase64Url(info.credential.id).length > MAX_CREDENTIAL_ID_BYTES) throw failed("credential ID too long");
  // Only a key that sign-in will accept is stored; the algorithms themselves were checked above.
  const key = await importCoseKey(info.credential.publicKey);
  if (!key) throw failed(`credential key refused (${RSA_KEY_RULE})`);
  if (policy.attestation === "direct") await requireTrustedAttestation(info.fmt, info.attestationObject);
  return {
    credential: {
      id: info.credential.id,
      publicKey: info.credential.publicKey,
      // Sign-in imports this form directly, without decoding COSE (see credentialKey).
      publicKeySpki: new Uint8Array(key.key.export({ format: "der", type: "spki" })),
      counter: info.credential.counter,
      transports: response.response.transports ?? [],
      aaguid: info.aaguid,
      backupEligible: info.credentialDeviceType === "multiDevice",
      backedUp: info.credentialBackedUp,
      // The one of expected.rpIds the authenticator data is for: set whenever expectedRPID is given.
      rpId: info.rpID as string,
    },
    attestationFormat: info.fmt,
  };
}

/**
 * "direct" means the authenticator's make and model are proven: a certificate chain (x5c) that
 * @simplewebauthn/server validated against roots we hold. Without roots for the format it skips the
 * chain, so no roots, no x5c (self attestation) or no attestation at all is a rejection.
 */
async function requireTrustedAttestation(format: string, attestationObject: Uint8Array): Promise<void> {
  const { SettingsService } = await loadSimpleWebAuthn();
  const { decodeAttestationObject } = await loadSimpleWebAuthnHelpers();
  if (format === "none") throw failed("attestation required");
  if (!decodeAttestationObject(new Uint8Array(attestationObject)).get("attStmt").get("x5c"))
    throw failed("self attestation");
  if (SettingsService.getRootCertificates({ identifier: format as "packed" }).length === 0) {
    throw failed(`no trust roots for ${format} attestation`);
  }
}
