import { addressKey } from "../magic-links/address-key.ts";
import { magicLinkHashes } from "../magic-links/hashes.ts";

/**
 * The keyed hash an address's owner item is kept under: the same as its link item's (see addressKey),
 * so an address typed at sign-in and one the pool stores find the same item. An address we would not
 * mail costs the same read.
 */
export function addressOwnerHash(challengeSecret: string, email: string): string {
  return magicLinkHashes(challengeSecret).address(addressKey(email));
}
