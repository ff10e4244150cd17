import { emitAuditEvent } from "../audit/emit-audit-event.ts";
import type { LatchkeyConfig } from "../config.ts";
import { LatchkeyError } from "../errors.ts";
import { networkKey } from "../magic-links/network-key.ts";
import { newCode } from "../new-code.ts";
import type { AuditEvents, SmsSender } from "../ports.ts";
import type { SmsCodeSubject } from "../table/item-keys.ts";
import type { TableRef } from "../table/table-schema.ts";
import { recordMetric, type SmsKind } from "../telemetry/record-metric.ts";
import { unavailable } from "../unavailable.ts";
import { countSmsRequest } from "./count-sms-request.ts";
import { isDestinationAllowed, numberRange } from "./destination-policy.ts";
import type { PhoneNumber } from "./parse-phone-number.ts";
import { smsCodeText } from "./sms-code-text.ts";
import { smsHashes } from "./sms-hashes.ts";
import { putSmsCode } from "./store/put-sms-code.ts";

/** Refused only by a budget, so the reason never tells a known number from an unknown one. */
export type SmsCodeIssuance = { ok: true } | { ok: false; reason: string; retryAfter: number };

/**
 * The first step of every text, for sign-in and step-up alike: a number the deployment sends nothing
 * to is refused (SMS_DESTINATION_NOT_ALLOWED: policy, the same for everyone), then the request is
 * counted against every hourly budget in one DynamoDB write. Returns the number's keyed hash.
 */
export async function admitSmsText(
  context: { config: LatchkeyConfig; table: TableRef },
  request: { number: PhoneNumber; ip: string; nowSeconds: number },
): Promise<{ ok: true; numberHash: string } | Extract<SmsCodeIssuance, { ok: false }>> {
  const settings = context.config.sms;
  const { number } = request;
  if (!isDestinationAllowed(number, settings)) {
    throw new LatchkeyError("SMS_DESTINATION_NOT_ALLOWED", "Texts are not sent to this number.");
  }
  const hashes = smsHashes(context.config.passkeys.challengeSecret);
  const numberHash = hashes.number(number);
  const counted = await countSmsRequest(context.table, {
    keys: { numberHash, rangeHash: hashes.range(numberRange(number)), ipHash: hashes.ip(networkKey(request.ip)) },
    nowSeconds: request.nowSeconds,
    budgets: settings,
  }).catch(unavailable("accept the request"));
  if (!counted.allowed) return { ok: false, reason: "SMS budget used up", retryAfter: counted.retryAfter };
  return { ok: true, numberHash };
}

/**
 * The last step: a new code, texted to `to` when there is someone to text, then its hash stored for the
 * requesting browser in one write. The text goes before the code is stored, so a text that fails
 * leaves nothing redeemable. `codeOwner` is the name the code is hashed with, as Verify will know it.
 * A text sent is counted as SmsSent of its purpose; once its code is stored, it is an SmsCodeIssued
 * audit event.
 */
export async function textSmsCode(
  context: { config: LatchkeyConfig; table: TableRef; sms: SmsSender; auditEvents: AuditEvents },
  request: {
    purpose: SmsKind;
    to: string | undefined;
    subject: SmsCodeSubject;
    codeOwner: string;
    bindingHash: string;
    clientId: string;
    host: string | undefined;
    nowSeconds: number;
  },
): Promise<void> {
  const { config } = context;
  const settings = config.sms;
  const code = newCode();
  if (request.to) {
    const text = smsCodeText({
      appName: config.passkeys.relyingPartyName,
      code,
      host: request.host,
      expiresInMinutes: Math.round(settings.codeExpirySeconds / 60),
    });
    await context.sms.send({ to: request.to, text }).catch(unavailable("send the text"));
    recordMetric("SmsSent", { Kind: request.purpose });
  }
  const hashes = smsHashes(config.passkeys.challengeSecret);
  const expiresAt = request.nowSeconds + settings.codeExpirySeconds;
  await putSmsCode(context.table, {
    subject: request.subject,
    requesterHash: request.bindingHash,
    codeHash: hashes.code(request.codeOwner, request.clientId, code),
    expiresAt,
  }).catch(unavailable("store the code"));
  if (request.to && "username" in request.subject) {
    emitAuditEvent(context.auditEvents, "SmsCodeIssued", {
      username: request.subject.username,
      clientId: request.clientId,
      purpose: request.purpose,
      expiresAt: new Date(expiresAt * 1000).toISOString(),
    });
  }
}
