/**
 * The magic-link token: `base64url(JSON payload) "." base64url(signature)`. It travels only in the
 * URL fragment of the link, so it never reaches a server log; DynamoDB keeps only a hash of its id.
 */
export interface MagicLinkPayload {
  /** The opaque Cognito username the link signs in. */
  username: string;
  /** The pool and app client the link is for, see magicLinkAudience(). */
  audience: string;
  /** Issued at and expires at, epoch seconds. */
  iat: number;
  exp: number;
  /** >= 128 random bits, base64url; its SHA-256 is the stored link hash. */
  id: string;
  /** The slot of the address's item that holds the link (see linkSlot). */
  slot: number;
  /**
   * The keyed hash of the address the link was mailed to (MagicLinkHashes.address), which names its
   * item: the link signs in only while that address is the account's verified email.
   */
  address: string;
  /**
   * For the page the link opens, which shows it before signing in when it must ask first: the account's
   * email, masked (maskEmail), and the bindingHash of the browser that asked, if it sent one, by which
   * that browser knows the link for its own. Whoever holds the link may sign in with it, so neither
   * tells them more than the link gives them.
   */
  account: string;
  browser?: string;
}

/** Longest token accepted; a real one is about 300 characters. */
export const MAX_TOKEN_LENGTH = 1024;

export function magicLinkAudience(userPoolId: string, clientId: string): string {
  return `${userPoolId}:${clientId}`;
}

/** The signed bytes carry a label so a signature made for anything else can never pass as a link. */
export function signedBytes(encodedPayload: string): Uint8Array {
  return Buffer.from(`latchkey-magic-link.v1.${encodedPayload}`, "utf8");
}
