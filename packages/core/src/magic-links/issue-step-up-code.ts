import { emitAuditEvent } from "../audit/emit-audit-event.ts";
import type { LatchkeyConfig } from "../config.ts";
import type { AuditEvents, Clock, DirectoryUser, Mailer } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { unavailable } from "../unavailable.ts";
import { addressKey } from "./address-key.ts";
import { resolveLocale } from "./email/email-locales.ts";
import { type StepUpEmailTemplate, stepUpEmail } from "./email/step-up-email.ts";
import { magicLinkHashes } from "./hashes.ts";
import type { MagicLinkIssuance } from "./issue-magic-link.ts";
import { newLinkSecrets } from "./link-secrets.ts";
import { networkKey } from "./network-key.ts";
import { sendOrRevoke } from "./send-or-revoke.ts";
import { countIpRequest } from "./store/count-ip-request.ts";
import { issueLinkRecord } from "./store/issue-link-record.ts";
import { linkSlot, linkSlotWidth } from "./store/link-record.ts";
import { recordUserAddress } from "./store/record-user-address.ts";

export interface IssueStepUpCodeContext {
  config: LatchkeyConfig;
  table: TableRef;
  mailer: Mailer;
  clock: Clock;
  auditEvents: AuditEvents;
  /** The step-up email; the built-in template (English, German) when unset. */
  stepUpEmail?: StepUpEmailTemplate | undefined;
}

export interface StepUpCodeRequest {
  /** The signed-in user, as the pool has them now (their access token just passed GetUser). */
  user: DirectoryUser;
  /** The app client of the user's access token: the code redeems only through it. */
  clientId: string;
  /** SHA-256 of a verifier the requesting browser keeps: its code then has tries of its own. */
  bindingHash: string | undefined;
  locale: string | undefined;
  ip: string;
}

/**
 * Emails a signed-in user a code to prove again: the code of a sign-in email, in a slot of the same
 * record, so it redeems as an EMAIL_CODE sign-in (three tries in the asking browser, the daily budget
 * elsewhere, one conditional write) and counts against the same limits (the network's hourly caps,
 * the gap between emails, the hourly cap per address). Its slot's link id is never signed or sent, so
 * only the code redeems it. The caller has verified the access token; nobody else can make this mail.
 * Three DynamoDB writes (the first two side by side) and one mail; a code whose mail failed is revoked.
 * A mail sent is an EmailCodeIssued audit event.
 */
export async function issueStepUpCode(
  context: IssueStepUpCodeContext,
  request: StepUpCodeRequest,
): Promise<MagicLinkIssuance> {
  const { config, table, clock } = context;
  const settings = config.magicLinks;
  const hashes = magicLinkHashes(config.passkeys.challengeSecret);
  const nowSeconds = Math.floor(clock.now() / 1000);
  const { user } = request;

  // The code is kept under the user's address, where an EMAIL_CODE sign-in looks (see answerSubject),
  // which is recorded for revoking it by username, beside the count and before any code is stored.
  const subject = { addressHash: hashes.address(addressKey(user.email)) };
  const [ipCount] = await Promise.all([
    countIpRequest(table, {
      ipHash: hashes.ip(networkKey(request.ip)),
      addressHash: subject.addressHash,
      nowSeconds,
      maxPerHour: settings.maxRequestsPerIpPerHour,
      maxPerAddress: settings.maxEmailsPerAddressPerIpPerHour,
    }),
    recordUserAddress(table, { username: user.username, addressHash: subject.addressHash }),
  ]).catch(unavailable("accept the request"));
  if (!ipCount.allowed) return { ok: false, reason: "IP rate limited", retryAfter: ipCount.retryAfter };

  const { linkId, code } = newLinkSecrets();
  const width = linkSlotWidth(settings);
  const slotWindow = { width, ...linkSlot(nowSeconds, width) };
  const linkIdHash = hashes.linkId(linkId);
  const expiresAt = nowSeconds + settings.expirySeconds;
  const issued = await issueLinkRecord(table, {
    subject,
    window: slotWindow,
    linkIdHash,
    codeHash: hashes.code(subject.addressHash, request.clientId, code),
    requesterHash: request.bindingHash,
    bound: false,
    nowSeconds,
    linkExpiresAt: expiresAt,
    minSecondsBetweenEmails: settings.minSecondsBetweenEmails,
    maxPerHour: settings.maxEmailsPerAddressPerHour,
  }).catch(unavailable("store the code"));
  if (!issued.issued) return { ok: false, reason: "address rate limited", retryAfter: issued.retryAfter };

  const render = context.stepUpEmail ?? stepUpEmail;
  const email = render({
    locale: resolveLocale(request.locale, settings.locale),
    appName: config.passkeys.relyingPartyName,
    code,
    expiresInMinutes: Math.round(settings.expirySeconds / 60),
  });
  await sendOrRevoke(
    context,
    { subject, slot: slotWindow.slot, linkIdHash },
    { to: user.email, kind: "code", ...email },
  );
  emitAuditEvent(context.auditEvents, "EmailCodeIssued", {
    username: user.username,
    clientId: request.clientId,
    purpose: "step-up",
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  });
  return { ok: true };
}
