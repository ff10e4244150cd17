import type { KeyObject } from "node:crypto";

/** What every RSA authenticator produces; anything else only costs verification time (a large e does). */
export const RSA_KEY_RULE = "RSA keys must have exponent 65537 and a 2048- to 4096-bit modulus";

/** An imported RSA key that keeps RSA_KEY_RULE: e = 65537, n of 2048 to 4096 bits. */
export function isAcceptableRsaKey(key: KeyObject): boolean {
  const { modulusLength = 0, publicExponent } = key.asymmetricKeyDetails ?? {};
  return key.asymmetricKeyType === "rsa" && modulusLength >= 2048 && modulusLength <= 4096 && publicExponent === 65537n;
}
