import { fromBase64Url, isBase64Url, toBase64Url } from "./base64url.ts";

/**
 * The WebAuthn user handle IS the Cognito username (an opaque UUID), UTF-8 encoded; it never carries an
 * email or other personal data. A usernameless sign-in reads the username back from it.
 */
export function toUserHandle(username: string): string {
  return toBase64Url(Buffer.from(username, "utf8"));
}

/** WebAuthn caps user handles at 64 bytes. */
const MAX_USER_HANDLE_BYTES = 64;

export function fromUserHandle(userHandle: unknown): string | undefined {
  if (!isBase64Url(userHandle, Math.ceil((MAX_USER_HANDLE_BYTES * 4) / 3)) || userHandle === "") return undefined;
  const username = Buffer.from(fromBase64Url(userHandle)).toString("utf8");
  // Only the canonical encoding maps back: anything else is not a handle we issued.
  return toUserHandle(username) === userHandle ? username : undefined;
}
