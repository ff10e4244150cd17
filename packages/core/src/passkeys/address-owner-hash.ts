import { magicLinkHashes } from "../magic-links/hashes.ts";
import { parseEmailAddress } from "../magic-links/parse-email-address.ts";
import { normalizeEmail } from "../normalize-email.ts";

/**
 * The keyed hash an address's owner item is kept under: the same as its link item's (magicLinkHashes'
 * address, of the address as a link request keys it), so that an address typed at sign-in and one the
 * pool stores find the same item whatever their case or the form of an international domain. An
 * address we would not mail is hashed as typed, trimmed and in lower case: it costs the same read.
 */
export function addressOwnerHash(challengeSecret: string, email: string): string {
  const normalized = normalizeEmail(email);
  return magicLinkHashes(challengeSecret).address(mailableKey(normalized) ?? normalized);
}

function mailableKey(normalized: string): string | undefined {
  try {
    return parseEmailAddress(normalized).key;
  } catch {
    return undefined;
  }
}
