import { LatchkeyError } from "../errors.ts";
import { fromBase64Url } from "./base64url.ts";
import { loadSimpleWebAuthn, loadSimpleWebAuthnHelpers } from "./load-simplewebauthn.ts";
import { openChallenge } from "./open-challenge.ts";
import { MAX_CREDENTIAL_ID_BYTES, readClientData } from "./parse-response.ts";
import { type PasskeyPolicy, supportedAlgorithms } from "./policy.ts";
import type { CredentialRecord, RegistrationResponseJSON } from "./types.ts";

export interface VerifiedRegistration {
  credential: Omit<CredentialRecord, "friendlyName" | "createdAt" | "lastUsedAt">;
  /** To be consumed (single use) before the credential is stored. */
  challenge: { bytes: Uint8Array; expiresAt: number };
  attestationFormat: string;
}

const failed = (reason: string, cause?: unknown) =>
  new LatchkeyError("VERIFICATION_FAILED", `Passkey registration failed: ${reason}.`, { cause });

/**
 * Verifies a registration response for the signed-in user: a challenge we issued to this user for
 * registration and not expired, an allowed origin, the RP ID the options named, user verification as
 * configured, an accepted algorithm, and in "direct" mode an attestation that chains to a trust root.
 * @simplewebauthn/server is loaded here, on first use, so paths that never verify never load it.
 */
export async function verifyRegistration(
  policy: PasskeyPolicy,
  input: { response: RegistrationResponseJSON; username: string; nowMs: number },
): Promise<VerifiedRegistration> {
  const { response, username } = input;
  const clientData = readClientData(response.response.clientDataJSON);
  if (!clientData) throw failed("client data unreadable");
  if (clientData.type !== "webauthn.create") throw failed("not a registration");
  const opened = openChallenge(policy, clientData.challenge, { purpose: "registration", username, nowMs: input.nowMs });
  if (!opened.ok) throw new LatchkeyError("CHALLENGE_INVALID", `Passkey registration failed: ${opened.reason}.`);
  const { verifyRegistrationResponse, SettingsService } = await loadSimpleWebAuthn();
  for (const [format, roots] of Object.entries(policy.attestationRoots)) {
    SettingsService.setRootCertificates({ identifier: format as "packed", certificates: roots });
  }
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response,
      expectedChallenge: clientData.challenge as string,
      expectedOrigin: policy.allowedOrigins,
      expectedRPID: opened.claims.rpId || policy.relyingPartyIds,
      requireUserVerification: policy.userVerification === "required",
      supportedAlgorithmIDs: [...supportedAlgorithms],
    });
  } catch (error) {
    throw failed("response rejected", error);
  }
  if (!result.verified) throw failed("attestation invalid");
  const info = result.registrationInfo;
  if (info.credential.id !== response.id) throw failed("credential ID differs from the authenticator's");
  if (fromBase64Url(info.credential.id).length > MAX_CREDENTIAL_ID_BYTES) throw failed("credential ID too long");
  if (policy.attestation === "direct") await requireTrustedAttestation(info.fmt, info.attestationObject);
  return {
    credential: {
      id: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: response.response.transports ?? [],
      aaguid: info.aaguid,
      backupEligible: info.credentialDeviceType === "multiDevice",
      backedUp: info.credentialBackedUp,
      rpId: info.rpID ?? opened.claims.rpId,
      username,
    },
    challenge: { bytes: opened.bytes, expiresAt: opened.claims.expiresAt },
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
