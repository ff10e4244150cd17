/**
 * One item per user (or, for an address with no user, per keyed hash of the address) holds the one
 * outstanding link and code, and the per-address rate limits:
 *   pk "LINK#u#<username>" | "LINK#a#<address hash>", sk "LINK"
 *   linkIdHash, codeHash, codeTries, linkExpiresAt, bindingHash?   the outstanding link and code
 *   lastSentAt, sent<hour>                                          rate limits
 *   expiresAt                                                       TTL
 * Issuing overwrites the link and code, which revokes the previous ones; redeeming removes both.
 */
export type LinkSubject = { username: string } | { addressHash: string };

export const LINK_SK = "LINK";

export function linkRecordKey(subject: LinkSubject) {
  const pk = "username" in subject ? `LINK#u#${subject.username}` : `LINK#a#${subject.addressHash}`;
  return { pk: { S: pk }, sk: { S: LINK_SK } };
}

/** Wrong codes allowed per issued code; the next attempt finds the code dead, even a right one. */
export const MAX_CODE_TRIES = 3;

/** The attribute counting emails sent in one clock hour. */
export function hourAttribute(nowSeconds: number, hoursBack = 0): string {
  return `sent${Math.floor(nowSeconds / 3600) - hoursBack}`;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
