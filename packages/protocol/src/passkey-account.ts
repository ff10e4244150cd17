/**
 * GET /passkeys/account: the signed-in user's WebAuthn account for the calling page's RP ID, as the
 * WebAuthn Signal API takes it (PublicKeyCredential.signalAllAcceptedCredentials and
 * signalCurrentUserDetails), so a password manager can drop passkeys the api no longer accepts and show
 * the account's current name.
 */
export interface PasskeyAccount {
  /** The RP ID the api picks for the calling page's origin, as its registration and sign-in options do. */
  rpId: string;
  /** The base64url WebAuthn user handle: the Cognito username, UTF-8. */
  userId: string;
  /** As registration options name the user: the email, or the username for an account without one. */
  name: string;
  displayName: string;
  /** Every base64url credential ID of the user's passkeys for this RP ID: the complete list, not a page of it. */
  credentialIds: string[];
}
