/**
 * One of the signed-in user's passkeys, as the api returns it (listed, registered, renamed): never its
 * public key, counter or username. Absent values are null, so the shape is fixed.
 */
export interface Passkey {
  /** The base64url credential ID. */
  id: string;
  friendlyName: string;
  /** Make and model, from the authenticator's AAGUID, when known. */
  authenticatorName: string | null;
  /** Inline images (data: URLs) for light and dark backgrounds. */
  iconLight: string | null;
  iconDark: string | null;
  /** ISO 8601. */
  createdAt: string;
  lastUsedAt: string | null;
  backupEligible: boolean;
  /** Synced to a passkey provider's cloud (iCloud Keychain, Google Password Manager, ...). */
  backedUp: boolean;
  transports: string[];
  /** The RP ID the passkey was created for; it signs in only there. */
  rpId: string;
}
