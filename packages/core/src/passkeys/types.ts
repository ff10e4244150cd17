import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
};

/** A registered passkey as stored: one item per credential, keyed by the credential ID. */
export interface CredentialRecord {
  /** base64url credential ID, at most 1023 bytes decoded. */
  id: string;
  /** COSE public key. */
  publicKey: Uint8Array;
  /**
   * The same key as SPKI DER, ready for node:crypto to import at sign-in without decoding COSE; absent
   * on credentials stored before it was kept, which sign in with the COSE key.
   */
  publicKeySpki?: Uint8Array;
  counter: number;
  transports: string[];
  /** Authenticator model, "00000000-0000-0000-0000-000000000000" when the authenticator hides it. */
  aaguid: string;
  backupEligible: boolean;
  backedUp: boolean;
  /** The RP ID the credential was created for; it can only sign in there. */
  rpId: string;
  friendlyName: string;
  /** ISO 8601. */
  createdAt: string;
  lastUsedAt: string | undefined;
  /** The opaque Cognito username it belongs to; also the WebAuthn user handle. */
  username: string;
  /**
   * The keyed hash (addressOwnerHash) of the user's verified email when the passkey was registered or
   * last signed in with, whose owner item names the user; absent if they had none, and on credentials
   * stored before it was kept. A sign-in that finds another address moves the owner (record-sign-in.ts).
   */
  ownerAddressHash?: string;
}

/**
 * What a challenge is for. A conditional registration is one the browser may make without a prompt
 * (WebAuthn conditional create): its verification waives user presence and user verification.
 */
export type ChallengePurpose = "registration" | "authentication" | "conditional-registration";

/** The signed content of a challenge, as issued by the api and checked at verification. */
export interface ChallengeClaims {
  purpose: ChallengePurpose;
  /** The keyed digest of the Cognito username it was issued for (see userDigest); "" for a usernameless sign-in. */
  user: string;
  /** The RP ID the options named; "" when any configured RP ID may answer. */
  rpId: string;
  /** Epoch seconds. */
  expiresAt: number;
}
