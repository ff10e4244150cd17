import { createHash, createHmac } from "node:crypto";

/**
 * What DynamoDB stores instead of secrets and personal data. Link ids and browser verifiers carry
 * >= 128 random bits, so a plain SHA-256 is enough; a six-digit code, an email address and an IP
 * address are guessable, so they are keyed (HMAC) with a key derived from the challenge secret.
 */
export interface MagicLinkHashes {
  linkId(linkId: string): string;
  /**
   * A code is bound to its owner (the keyed hash of the address an email code went to, the user or
   * number a texted one went to) and to the app client it was asked for, as a link is by its audience.
   */
  code(owner: string, clientId: string, code: string): string;
  address(normalizedEmail: string): string;
  ip(ip: string): string;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("base64url");
}

function subkey(secret: Buffer, purpose: string): Buffer {
  return createHmac("sha256", secret).update(`latchkey/magic-link/${purpose}`).digest();
}

function hmac(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value, "utf8").digest("base64url");
}

export function magicLinkHashes(challengeSecretBase64: string): MagicLinkHashes {
  const secret = Buffer.from(challengeSecretBase64, "base64");
  const codeKey = subkey(secret, "code");
  const addressKey = subkey(secret, "address");
  const ipKey = subkey(secret, "ip");
  return {
    linkId: (linkId) => sha256(linkId),
    code: (owner, clientId, code) => hmac(codeKey, `${owner}\n${clientId}\n${code}`),
    address: (email) => hmac(addressKey, email),
    ip: (ip) => hmac(ipKey, ip),
  };
}
