import type { KeyObject } from "node:crypto";
import { importCoseKey } from "./import-cose-key.ts";
import { importSpkiKey } from "./import-spki-key.ts";
import type { CredentialRecord } from "./types.ts";

export type CredentialKey = { key: KeyObject; algorithm: -7 | -8 | -257 };

/** Keys already imported, by their stored bytes: importing costs more than verifying with them. */
const cache = new Map<string, CredentialKey>();
const MAX_CACHED = 1000;

/**
 * A stored credential's public key as a node:crypto key, for the algorithms we register; anything else,
 * or a key that does not import, is undefined. The SPKI form registration stores beside the COSE key
 * imports as it is; a credential stored before it was kept has only the COSE key, decoded here once.
 */
export async function credentialKey(
  credential: Pick<CredentialRecord, "publicKey" | "publicKeySpki">,
): Promise<CredentialKey | undefined> {
  const { publicKeySpki: spki, publicKey: cose } = credential;
  const id = Buffer.from(spki ?? cose).toString("base64url");
  const cached = cache.get(id);
  if (cached) return cached;
  const imported = spki ? importSpkiKey(spki) : await importCoseKey(cose);
  if (!imported) return undefined;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(id, imported);
  return imported;
}
