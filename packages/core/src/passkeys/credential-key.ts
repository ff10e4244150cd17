import { createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { loadSimpleWebAuthnHelpers } from "./load-simplewebauthn.ts";

export type CredentialKey = { key: KeyObject; algorithm: -7 | -8 | -257 };

/** Keys already imported, by their COSE bytes: importing costs more than verifying with them. */
const cache = new Map<string, CredentialKey>();
const MAX_CACHED = 1000;

/**
 * A stored COSE public key as a node:crypto key, for the algorithms we register (ES256 on P-256,
 * EdDSA on Ed25519, RS256 with an acceptable key); anything else, or a key that does not import, is
 * undefined. Registration refuses such keys, and so does every sign-in with one stored earlier.
 */
export async function credentialKey(cose: Uint8Array): Promise<CredentialKey | undefined> {
  const id = Buffer.from(cose).toString("base64url");
  const cached = cache.get(id);
  if (cached) return cached;
  const { decodeCredentialPublicKey } = await loadSimpleWebAuthnHelpers();
  let imported: CredentialKey | undefined;
  try {
    const map = decodeCredentialPublicKey(new Uint8Array(cose)) as unknown as Map<number, unknown>;
    const jwk = toJwk(map);
    if (jwk) imported = { key: createPublicKey({ key: jwk.key, format: "jwk" }), algorithm: jwk.algorithm };
  } catch {
    return undefined;
  }
  if (!imported) return undefined;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, imported);
  return imported;
}

const b64 = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString("base64url") : undefined);

/** COSE labels: 1 kty, 3 alg, -1 crv (or RSA n), -2 x (or RSA e), -3 y. */
function toJwk(map: Map<number, unknown>): { key: JsonWebKey; algorithm: CredentialKey["algorithm"] } | undefined {
  const [kty, alg] = [map.get(1), map.get(3)];
  if (alg === -7 && kty === 2 && map.get(-1) === 1) {
    const [x, y] = [map.get(-2), map.get(-3)];
    if (!(x instanceof Uint8Array && x.length === 32 && y instanceof Uint8Array && y.length === 32)) return undefined;
    return { key: { kty: "EC", crv: "P-256", x: b64(x), y: b64(y) }, algorithm: -7 };
  }
  if (alg === -8 && kty === 1 && map.get(-1) === 6) {
    const x = map.get(-2);
    if (!(x instanceof Uint8Array && x.length === 32)) return undefined;
    return { key: { kty: "OKP", crv: "Ed25519", x: b64(x) }, algorithm: -8 };
  }
  if (alg === -257 && kty === 3) {
    const [n, e] = [map.get(-1), map.get(-2)];
    if (!(n instanceof Uint8Array && e instanceof Uint8Array && isAcceptableRsaKey(n, e))) return undefined;
    return { key: { kty: "RSA", n: b64(n), e: b64(e) }, algorithm: -257 };
  }
  return undefined;
}

/** What every RSA authenticator produces; anything else only costs verification time (a large e does). */
export const RSA_KEY_RULE = "RSA keys must have exponent 65537 and a 2048- to 4096-bit modulus";
const F4 = Buffer.of(0x01, 0x00, 0x01);

/** RSA n and e as COSE carries them (big-endian, unsigned): e = 65537, n of 2048 to 4096 bits. */
function isAcceptableRsaKey(n: Uint8Array, e: Uint8Array): boolean {
  const start = n.findIndex((byte) => byte !== 0);
  if (start < 0) return false;
  const bits = (n.length - start - 1) * 8 + (32 - Math.clz32(n[start] as number));
  return bits >= 2048 && bits <= 4096 && Buffer.from(e).equals(F4);
}
