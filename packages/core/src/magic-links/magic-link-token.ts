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
