/**
 * The stable `code` of every error body the api sends. Apps switch on it, so a code is never renamed
 * or reused for another meaning; the HTTP status that goes with each is the api's business.
 */
export type ErrorCode =
  /** The body, a path parameter or the JSON itself is not what the route accepts. */
  | "BAD_REQUEST"
  /** POST /magic-links: the address is not one an email can be sent to. */
  | "INVALID_EMAIL"
  /** A phone number that is not exactly E.164: `+`, the country code and the number, digits only. */
  | "INVALID_PHONE_NUMBER"
  /**
   * POST /sms-codes: a well-formed number this deployment sends no texts to (a country off its
   * allowlist, or a premium or special-rate range). Asking again will not help.
   */
  | "SMS_DESTINATION_NOT_ALLOWED"
  /** POST /magic-links: the redirectUri is not on the allowlist. */
  | "INVALID_REDIRECT_URI"
  /** A passkey's friendlyName is empty, too long, or holds control, format or invisible characters. */
  | "INVALID_FRIENDLY_NAME"
  /**
   * No access token, or one that is invalid, expired or for another app client, or that the user pool
   * no longer accepts: revoked, its user signed out everywhere, disabled or deleted.
   */
  | "UNAUTHORIZED"
  /** A valid access token whose sign-in is too old for a sensitive change: sign in again. */
  | "RECENT_SIGN_IN_REQUIRED"
  /** No such route, or no such passkey of the caller's (another user's passkey is not found either). */
  | "NOT_FOUND"
  /** The passkey being registered is registered already. */
  | "CREDENTIAL_EXISTS"
  /** The user has as many passkeys as the deployment allows: delete one to register another. */
  | "PASSKEY_LIMIT_REACHED"
  /** The challenge a registration answers is unknown, expired, used, or for someone else. */
  | "CHALLENGE_INVALID"
  /** The authenticator's response fails a check (origin, RP ID, signature, user verification, ...). */
  | "VERIFICATION_FAILED"
  /** POST /step-up/codes: the signed-in user has nowhere verified to send a code by this method. */
  | "STEP_UP_METHOD_UNAVAILABLE"
  /** Too many requests; the `Retry-After` header says how many seconds to wait. */
  | "RATE_LIMITED"
  /** The request body is larger than any valid request. */
  | "PAYLOAD_TOO_LARGE"
  /** A service Latchkey depends on (DynamoDB, Cognito, SES, SMS, KMS) failed; try again later. */
  | "SERVICE_UNAVAILABLE"
  /** A bug or a misconfiguration; nothing more is said. */
  | "INTERNAL";
