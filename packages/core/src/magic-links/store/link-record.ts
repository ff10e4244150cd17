/**
 * One item per user (or, for an address with no user, per keyed hash of the address; see linkItemKey)
 * holds the one outstanding link and code, and the per-address rate limits:
 *   linkIdHash, codeHash, codeTries, linkExpiresAt, bindingHash?   the outstanding link and code
 *   codeGuess                                                       the last code tried (a hash)
 *   lastSentAt, sent<hour>                                          rate limits
 *   expiresAt                                                       TTL
 * Issuing overwrites the link and code, which revokes the previous ones. Redeeming the link removes
 * both; redeeming the code leaves codeGuess = codeHash, which ends both (CODE_NOT_REDEEMED).
 */

/** Holds while the code has not been redeemed: a right guess ends the link and the code alike. */
export const CODE_NOT_REDEEMED = "(attribute_not_exists(codeGuess) OR codeGuess <> codeHash)";

/** The outstanding link and code's attributes, for the writes that remove them. */
export const LINK_ATTRIBUTES = "linkIdHash, codeHash, codeTries, codeGuess, linkExpiresAt, bindingHash";

/** Wrong codes allowed per issued code; the next attempt finds the code dead, even a right one. */
export const MAX_CODE_TRIES = 3;

/** The attribute counting emails sent in one clock hour. */
export function hourAttribute(nowSeconds: number, hoursBack = 0): string {
  return `sent${Math.floor(nowSeconds / 3600) - hoursBack}`;
}
