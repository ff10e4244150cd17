/** One of the signed-in user's passkeys, as the api lists it. */
export interface Passkey {
  id: string;
  friendlyName: string;
  /** Make and model, from the authenticator's AAGUID, when known. */
  authenticatorName: string | null;
  /** Inline images (data: URLs) for light and dark backgrounds. */
  iconLight: string | null;
  iconDark: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  backupEligible: boolean;
  /** Synced to a passkey provider's cloud (iCloud Keychain, Google Password Manager, ...). */
  backedUp: boolean;
  transports: string[];
  rpId: string;
}
