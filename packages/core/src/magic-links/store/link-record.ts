/**
 * One item per user (or, for an address with no user, per keyed hash of the address; see linkItemKey)
 * holds the outstanding links and codes, and the per-address limits:
 *   slot<k>Link, slot<k>Code, slot<k>Expires     link k: hashes of its id and its code, its expiry
 *   slot<k>Requester, slot<k>Bound?              SHA-256 of the asking browser's verifier; same-browser
 *   slot<k>Tries                                 wrong codes typed in the asking browser
 *   lastSentAt, sent<hour>                       the gap between emails, emails an hour
 *   failed<day>                                  wrong codes a day typed anywhere else
 *   expiresAt                                    TTL
 * A request never revokes a link: each email takes the slot of its time window (linkSlot), and the
 * windows are wide enough that a slot comes round again only after its last link has expired. Redeeming
 * a link or its code empties the slot, which ends both.
 */

/** Slots per item: links outstanding at once, at most. */
export const LINK_SLOTS = 11;

/** Wrong codes the asking browser may type per email; the next attempt there draws on the daily budget. */
export const MAX_CODE_TRIES = 3;

/** The attributes of slot k. */
export function slotAttributes(slot: number) {
  const at = (name: string) => `slot${slot}${name}`;
  return {
    link: at("Link"),
    code: at("Code"),
    expires: at("Expires"),
    requester: at("Requester"),
    bound: at("Bound"),
    tries: at("Tries"),
  };
}

/** Everything slot k holds, for the writes that empty it. */
export function slotAttributeList(slot: number): string[] {
  return Object.values(slotAttributes(slot));
}

/**
 * Where an email sent at `nowSeconds` goes: the window of that time, of `width` seconds, one email per
 * window at most. A slot's window comes round LINK_SLOTS windows later, so what it held is at least
 * (LINK_SLOTS - 1) windows old by then: past its expiry, given linkSlotWidth.
 */
export function linkSlot(nowSeconds: number, width: number): { slot: number; start: number } {
  const window = Math.floor(nowSeconds / width);
  return { slot: window % LINK_SLOTS, start: window * width };
}

/** The window width: the gap between emails, widened when links live longer than the slots can hold. */
export function linkSlotWidth(settings: { minSecondsBetweenEmails: number; expirySeconds: number }): number {
  return Math.max(settings.minSecondsBetweenEmails, Math.ceil(settings.expirySeconds / (LINK_SLOTS - 1)), 1);
}

/** The attribute counting emails sent in one clock hour. */
export function hourAttribute(nowSeconds: number, hoursBack = 0): string {
  return `sent${Math.floor(nowSeconds / 3600) - hoursBack}`;
}

/** The attribute counting wrong codes (outside the asking browser) in one UTC day. */
export function dayAttribute(nowSeconds: number, daysBack = 0): string {
  return `failed${Math.floor(nowSeconds / 86_400) - daysBack}`;
}

/** The item's TTL: the end of the day after this one, so that a day's counts outlive the day. */
export function linkItemExpiry(nowSeconds: number): number {
  return (Math.floor(nowSeconds / 86_400) + 2) * 86_400;
}
