import type { LinkSubject } from "../table/item-keys.ts";
import type { MagicLinkHashes } from "./hashes.ts";

/**
 * The item an answer is checked against: the user's, or for a user Cognito did not find, the item of
 * the name that was typed (as for an address that belongs to nobody). Both take the same DynamoDB
 * calls, and nothing in the second can ever be redeemed for the user the name does not belong to.
 */
export function answerSubject(
  hashes: MagicLinkHashes,
  answer: { username: string; userNotFound: boolean },
): LinkSubject {
  return answer.userNotFound
    ? { addressHash: hashes.address(answer.username.toLowerCase()) }
    : { username: answer.username };
}
