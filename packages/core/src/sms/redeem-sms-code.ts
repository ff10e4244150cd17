import type { LatchkeyConfig } from "../config.ts";
import { sha256 } from "../magic-links/hashes.ts";
import type { Clock } from "../ports.ts";
import type { SmsCodeSubject } from "../table/item-keys.ts";
import type { TableRef } from "../table/table-schema.ts";
import { smsHashes } from "./sms-hashes.ts";
import { consumeSmsCode } from "./store/consume-sms-code.ts";

/** Guesses one texted code may take, the right one among them; then it is dead and a new text is needed. */
export const MAX_SMS_CODE_TRIES = 3;

export interface RedeemSmsCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  clock: Clock;
}

export interface SmsCodeAttempt {
  /** The Cognito username, or for a user Cognito did not find (or may not sign in), the name typed. */
  username: string;
  userNotFound: boolean;
  /** The calling app client: a code works only through the client its text was asked for. */
  clientId: string;
  code: string;
  /** The verifier of the browser that asked for the text (whose SHA-256 it sent as bindingHash). */
  verifier: string | undefined;
}

export type SmsCodeRedemption = { ok: true } | { ok: false; reason: string };

const CODE = /^\d{6}$/;
const VERIFIER = /^[A-Za-z0-9_-]{43}$/;

/**
 * Redeems the six digits of a sign-in text with ONE conditional write (see consumeSmsCode), in the
 * browser that asked for it: the code is kept under that browser's verifier, so nobody else can try
 * it, let alone use up its three tries. A user Cognito did not find takes the same write on the item
 * of the name typed, where nothing can ever be redeemed for anyone. A failing dependency throws, so
 * the caller fails closed.
 */
export async function redeemSmsCode(
  context: RedeemSmsCodeContext,
  attempt: SmsCodeAttempt,
): Promise<SmsCodeRedemption> {
  if (!CODE.test(attempt.code)) return { ok: false, reason: "code malformed" };
  if (!attempt.verifier || !VERIFIER.test(attempt.verifier)) return { ok: false, reason: "no verifier" };
  const hashes = smsHashes(context.config.passkeys.challengeSecret);
  const subject: SmsCodeSubject = attempt.userNotFound
    ? { numberHash: hashes.number(attempt.username) }
    : { username: attempt.username };
  const guess = await consumeSmsCode(context.table, {
    subject,
    requesterHash: sha256(attempt.verifier),
    guessHash: hashes.code(attempt.username, attempt.clientId, attempt.code),
    maxTries: MAX_SMS_CODE_TRIES,
    nowSeconds: Math.floor(context.clock.now() / 1000),
  });
  if (guess === "redeemed") return { ok: true };
  return { ok: false, reason: guess === "wrong" ? "wrong code" : "code not redeemable" };
}
