import type { LatchkeyClientError } from "@latchkey/client";

/** What went wrong, for the person in front of the page: error codes are stable, so the demo maps them. */
const messages: Record<string, string> = {
  NOT_ALLOWED: "The passkey request was cancelled or timed out.",
  CANCELLED: "The passkey request was cancelled.",
  NO_CREDENTIAL: "No passkey for this site was found on this device. Sign in with an email link instead.",
  UNSUPPORTED: "This browser can't use passkeys. Sign in with an email link instead.",
  CREDENTIAL_EXISTS: "This device already has a passkey for your account.",
  PASSKEY_LIMIT_REACHED: "Your account has as many passkeys as it may have. Delete one to add another.",
  NETWORK_ERROR: "We couldn't reach the server. Check your connection and try again.",
  INVALID_EMAIL: "Please enter a valid email address.",
  INVALID_FRIENDLY_NAME: "Choose a name of 1 to 64 characters, without invisible or control characters.",
  INVALID_CODE: "Enter the 6 digits from the email.",
  INVALID_LINK: "This sign-in link isn't valid. Ask for a new one below.",
  SESSION_EXPIRED: "That took too long. Please try again.",
  USER_DISABLED: "This account has been disabled.",
  RECENT_SIGN_IN_REQUIRED: "For your security, sign in again before changing your passkeys.",
  NOT_SIGNED_IN: "You're signed out. Please sign in again.",
  SERVICE_UNAVAILABLE: "Sign-in is having trouble on our side. Please try again in a minute.",
  SECURITY_ERROR: "This page may not use passkeys for this site. (Check the relying party ID and origins.)",
};

/** Cognito refuses every failed answer alike, so what it means depends on what the person tried. */
const signInFailed: Record<string, string> = {
  passkey: "This passkey couldn't sign you in. It may have been removed from your account.",
  code: "That code isn't right, or it has expired or been used. Check the newest email, or open its link.",
  link: "This link has expired or was already used. Ask for a new one below.",
};

export function friendlyMessage(error: LatchkeyClientError, tried?: "passkey" | "code" | "link"): string {
  if (error.code === "RATE_LIMITED") {
    return error.retryAfter
      ? `Too many emails asked for. You can ask again in ${error.retryAfter} seconds.`
      : "Too many emails asked for. Please wait a moment.";
  }
  if (error.code === "SIGN_IN_FAILED" && tried) return signInFailed[tried] ?? error.message;
  return messages[error.code] ?? error.message;
}
