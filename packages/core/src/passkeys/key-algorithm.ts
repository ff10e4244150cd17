import type { KeyObject } from "node:crypto";

export type CredentialKey = { key: KeyObject; algorithm: -7 | -8 | -257 };

/** What every RSA authenticator produces; anything else only costs verification time (a large e does). */
export const RSA_KEY_RULE = "RSA keys must have exponent 65537 and a 2048- to 4096-bit modulus";

/**
 * The COSE algorithm an imported key is acceptable for: ES256 on P-256, EdDSA on Ed25519, RS256 with
 * the RSA key rule. One rule for keys from either form, so a stored key is held to what registration
 * accepted.
 */
export function keyAlgorithm(key: KeyObject): CredentialKey["algorithm"] | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "ec" && details.namedCurve === "prime256v1") return -7;
  if (key.asymmetricKeyType === "ed25519") return -8;
  if (key.asymmetricKeyType !== "rsa") return undefined;
  const { modulusLength = 0, publicExponent } = details;
  return modulusLength >= 2048 && modulusLength <= 4096 && publicExponent === 65537n ? -257 : undefined;
}
