import type { LatchkeyConfig } from "../config.ts";
import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { type Answerer, answerSubject } from "./answer-subject.ts";
import { magicLinkHashes, sha256 } from "./hashes.ts";
import type { CodeCharge } from "./store/code-charge.ts";
import { consumeEmailCode } from "./store/consume-email-code.ts";
import { countWrongCode } from "./store/count-wrong-code.ts";
import { MAX_CODE_TRIES } from "./store/link-record.ts";
import { readLinkSlots } from "./store/read-link-slots.ts";

export interface RedeemEmailCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  clock: Clock;
}

export interface EmailCodeAttempt extends Answerer {
  /** The calling app client: a code works only through the client its email was asked for. */
  clientId: string;
  code: string;
  /** The verifier this browser keeps for the last link it asked for, if any (see redeemMagicLink). */
  linkVerifier: string | undefined;
}

export type EmailCodeRedemption = { ok: true } | { ok: false; reason: string };

const CODE = /^\d{6}$/;
const VERIFIER = /^[A-Za-z0-9_-]{43}$/;

/**
 * Redeems the six digits from a sign-in email: one read of the outstanding codes of the address that is
 * the account's verified email now (so a code mailed to an address it has left is not among them), then one
 * conditional write that redeems the matching code (and its link) or counts the wrong one. Who may try
 * how often is what keeps both guessing and lockout out:
 * - in the browser that asked for an email, its code has three tries of its own, which nobody without
 *   that browser's verifier can use up;
 * - everywhere else (another device, or anyone who merely knows the address), tries draw on the
 *   account's daily budget of wrong codes. Spending it stops only those tries: never a link, and never
 *   the code of an email asked for in the browser that types it.
 * A user Cognito did not find takes the same read and write (see answerSubject), so the work does not
 * tell accounts from non-accounts. A failing dependency throws, so the caller fails closed.
 */
export async function redeemEmailCode(
  context: RedeemEmailCodeContext,
  attempt: EmailCodeAttempt,
): Promise<EmailCodeRedemption> {
  if (!CODE.test(attempt.code)) return { ok: false, reason: "code malformed" };
  const { config, table } = context;
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const subject = answerSubject(hashes, attempt);
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const limits = { maxTries: MAX_CODE_TRIES, maxFailedPerDay: config.magicLinks.maxFailedCodesPerDay };
  const codeHash = hashes.code(subject.addressHash, attempt.clientId, attempt.code);
  const requesterHash =
    attempt.linkVerifier && VERIFIER.test(attempt.linkVerifier) ? sha256(attempt.linkVerifier) : undefined;

  const { live, failedToday } = await readLinkSlots(table, subject, nowSeconds);
  const own = live.find((slot) => requesterHash !== undefined && slot.requesterHash === requesterHash);
  const ownCharge: CodeCharge | undefined =
    own && own.tries < MAX_CODE_TRIES ? { slot: own.slot, requesterHash: own.requesterHash as string } : undefined;
  const dailyLeft = failedToday < limits.maxFailedPerDay;
  const matched = live.find((slot) => slot.codeHash === codeHash);
  if (matched) {
    const charge = ownCharge && own?.slot === matched.slot ? ownCharge : "daily";
    const redeemed = await consumeEmailCode(table, {
      subject,
      slot: matched.slot,
      codeHash,
      charge,
      limits,
      nowSeconds,
    });
    if (redeemed) return { ok: true };
    return { ok: false, reason: charge === "daily" && !dailyLeft ? "too many wrong codes" : "code not redeemable" };
  }
  const counted = await countWrongCode(table, { subject, charge: ownCharge ?? "daily", limits, nowSeconds });
  return { ok: false, reason: counted ? "wrong code" : "too many wrong codes" };
}
