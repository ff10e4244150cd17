import type { LinkSubject } from "../table/item-keys.ts";
import { addressKey } from "./address-key.ts";
import type { MagicLinkHashes } from "./hashes.ts";

/** Who is answering: the Cognito username (or the name typed, see userNotFound) and their email now. */
export interface Answerer {
  username: string;
  userNotFound: boolean;
  /** The account's email as the pool has it at this sign-in, only if verified: the address it proves. */
  verifiedEmail: string | undefined;
}

/**
 * The item an answer is checked against: that of the account's current verified email, so a link or
 * code mailed to any other address (one the account has since left, say) is not there to redeem. For
 * a user Cognito did not find, or one without a verified email, it is the item of the name that was
 * typed (as for an address that belongs to nobody): the same DynamoDB calls, and nothing in it can
 * ever be redeemed for the user the name does not belong to.
 */
export function answerSubject(hashes: MagicLinkHashes, answerer: Answerer): LinkSubject {
  const address = answerer.userNotFound ? undefined : answerer.verifiedEmail;
  return { addressHash: hashes.address(address ? addressKey(address) : answerer.username.toLowerCase()) };
}
