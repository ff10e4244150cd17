import { createPublicKey } from "node:crypto";
import { isAcceptableRsaKey } from "./acceptable-rsa-key.ts";
import type { CredentialKey } from "./credential-key.ts";

/**
 * The DER an SPKI key of each algorithm we register starts with (its AlgorithmIdentifier), and its
 * length where that is fixed: P-256 and Ed25519 keys are known by these bytes alone, which costs less
 * than asking node:crypto for the key's curve (asymmetricKeyDetails, on every first-seen key).
 */
const P256 = { prefix: Buffer.from("3059301306072a8648ce3d020106082a8648ce3d030107034200", "hex"), length: 91 };
const ED25519 = { prefix: Buffer.from("302a300506032b6570032100", "hex"), length: 44 };
/** rsaEncryption after a two-byte SEQUENCE length (every modulus from 2048 to 4096 bits has one). */
const RSA = { at: 4, id: Buffer.from("300d06092a864886f70d0101010500", "hex") };

const starts = (spki: Uint8Array, form: { prefix: Buffer; length: number }) =>
  spki.length === form.length && form.prefix.equals(spki.subarray(0, form.prefix.length));

/**
 * A stored SPKI key as a node:crypto key, for the algorithm its AlgorithmIdentifier names if that is
 * one we register (RSA held to RSA_KEY_RULE); else undefined. node:crypto checks the rest of the DER.
 */
export function importSpkiKey(spki: Uint8Array): CredentialKey | undefined {
  const algorithm = starts(spki, P256)
    ? -7
    : starts(spki, ED25519)
      ? -8
      : RSA.id.equals(spki.subarray(RSA.at, RSA.at + RSA.id.length))
        ? -257
        : undefined;
  if (!algorithm) return undefined;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
    return algorithm !== -257 || isAcceptableRsaKey(key) ? { key, algorithm } : undefined;
  } catch {
    return undefined;
  }
}
