import { createPublicKey, type JsonWebKey } from "node:crypto";
import { isAcceptableRsaKey } from "./acceptable-rsa-key.ts";
import type { CredentialKey } from "./credential-key.ts";
import { loadSimpleWebAuthnHelpers } from "./load-simplewebauthn.ts";

/**
 * A COSE public key, as authenticator data carries it, as a node:crypto key for the algorithm it names,
 * if that is one we register (RSA held to RSA_KEY_RULE); else undefined. Decoding it loads
 * @simplewebauthn/server's helpers: registration has them loaded already, and a sign-in needs this
 * only for a credential stored before its SPKI key was kept, once per key.
 */
export async function importCoseKey(cose: Uint8Array): Promise<CredentialKey | undefined> {
  const { decodeCredentialPublicKey } = await loadSimpleWebAuthnHelpers();
  try {
    const jwk = toJwk(decodeCredentialPublicKey(new Uint8Array(cose)) as unknown as Map<number, unknown>);
    if (!jwk) return undefined;
    const key = createPublicKey({ key: jwk.key, format: "jwk" });
    return jwk.algorithm !== -257 || isAcceptableRsaKey(key) ? { key, algorithm: jwk.algorithm } : undefined;
  } catch {
    return undefined;
  }
}

const b64 = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("base64url") : undefined);
const isBytes = (value: unknown, length?: number): value is Uint8Array =>
  value instanceof Uint8Array && (length === undefined || value.length === length);

/** COSE labels: 1 kty, 3 alg, -1 crv (or RSA n), -2 x (or RSA e), -3 y. */
function toJwk(map: Map<number, unknown>): { key: JsonWebKey; algorithm: CredentialKey["algorithm"] } | undefined {
  const [kty, alg] = [map.get(1), map.get(3)];
  if (alg === -7 && kty === 2 && map.get(-1) === 1) {
    const [x, y] = [map.get(-2), map.get(-3)];
    if (!(isBytes(x, 32) && isBytes(y, 32))) return undefined;
    return { key: { kty: "EC", crv: "P-256", x: b64(x), y: b64(y) }, algorithm: -7 };
  }
  if (alg === -8 && kty === 1 && map.get(-1) === 6) {
    const x = map.get(-2);
    if (!isBytes(x, 32)) return undefined;
    return { key: { kty: "OKP", crv: "Ed25519", x: b64(x) }, algorithm: -8 };
  }
  if (alg === -257 && kty === 3) {
    const [n, e] = [map.get(-1), map.get(-2)];
    if (!(isBytes(n) && isBytes(e))) return undefined;
    return { key: { kty: "RSA", n: b64(n), e: b64(e) }, algorithm: -257 };
  }
  return undefined;
}
