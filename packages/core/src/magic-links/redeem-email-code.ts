import type { LatchkeyConfig } from "../config.ts";
import type { Clock } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { magicLinkHashes } from "./hashes.ts";
import { consumeEmailCode } from "./store/consume-email-code.ts";

export interface RedeemEmailCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  clock: Clock;
}

export type EmailCodeRedemption = { ok: true } | { ok: false; reason: string };

const CODE = /^\d{6}$/;

/**
 * Redeems the six digits from a sign-in email, on any device. One conditional write counts the try and
 * redeems the outstanding code (and its link) if it matches, is unexpired and has had fewer than three
 * tries: the count lives in DynamoDB, so the limit holds across Cognito sessions, concurrent ones
 * included. A wrong guess is "wrong code"; no code to guess (none, expired, redeemed, out of tries) is
 * "code not redeemable". A failing dependency throws, so the caller fails closed.
 */
export async function redeemEmailCode(
  context: RedeemEmailCodeContext,
  input: { username: string; code: string },
): Promise<EmailCodeRedemption> {
  if (!CODE.test(input.code)) return { ok: false, reason: "code malformed" };
  const attempt = await consumeEmailCode(context.table, {
    username: input.username,
    codeHash: magicLinkHashes(context.config.passkeys.challengeSecret).code(input.username, input.code),
    nowSeconds: Math.floor(context.clock.now() / 1000),
  });
  if (attempt === "redeemed") return { ok: true };
  return { ok: false, reason: attempt === "wrong" ? "wrong code" : "code not redeemable" };
}
