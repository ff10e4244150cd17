import type {
  AuthenticatorAttachment,
  LatchkeyConfig,
  ResidentKey,
  UserVerification,
  WebAuthnHint,
} from "../config.ts";
import { readAttestationRoots } from "./read-attestation-roots.ts";

/** COSE algorithm identifiers we accept: ES256, EdDSA, RS256 (in the order we offer them). */
export const supportedAlgorithms = [-7, -8, -257] as const;

/** Attestation formats whose certificate chains can be checked against trust roots. */
export type AttestationFormat = "packed" | "fido-u2f" | "tpm" | "android-key" | "android-safetynet" | "apple";

/** The WebAuthn rules this deployment enforces, derived once from the config. */
export interface PasskeyPolicy {
  relyingPartyIds: string[];
  relyingPartyName: string;
  allowedOrigins: string[];
  userVerification: UserVerification;
  residentKey: ResidentKey;
  attestation: "none" | "direct";
  /**
   * PEM trust anchors per attestation format, used when attestation is "direct". @simplewebauthn/server
   * carries Apple's and Google's; packed, tpm and fido-u2f chains need the vendors' roots from here.
   */
  attestationRoots: Partial<Record<AttestationFormat, string[]>>;
  challengeKey: Uint8Array;
  challengeTtlSeconds: number;
  /** How many passkeys one user may have. */
  maxPasskeysPerUser: number;
  /** Origins outside the first RP ID's domain that may use it (see originMayUseRpId). */
  relatedOrigins: string[];
  hints: WebAuthnHint[];
  authenticatorAttachment: AuthenticatorAttachment | undefined;
}

/** Challenges never live longer than this, whatever the config says. */
export const MAX_CHALLENGE_TTL_SECONDS = 300;

export function passkeyPolicy(config: LatchkeyConfig): PasskeyPolicy {
  const { passkeys } = config;
  return {
    relyingPartyIds: passkeys.relyingPartyIds,
    relyingPartyName: passkeys.relyingPartyName,
    allowedOrigins: passkeys.allowedOrigins,
    userVerification: passkeys.userVerification,
    residentKey: passkeys.residentKey,
    attestation: passkeys.attestation,
    attestationRoots: passkeys.attestationRootsFile ? readAttestationRoots(passkeys.attestationRootsFile) : {},
    challengeKey: Buffer.from(passkeys.challengeSecret, "base64"),
    challengeTtlSeconds: Math.min(passkeys.challengeTtlSeconds, MAX_CHALLENGE_TTL_SECONDS),
    maxPasskeysPerUser: passkeys.maxPasskeysPerUser,
    relatedOrigins: passkeys.relatedOrigins,
    hints: passkeys.hints,
    authenticatorAttachment: passkeys.authenticatorAttachment,
  };
}
