import type { Mailer } from "../ports.ts";
import type { LinkSubject } from "../table/item-keys.ts";
import type { TableRef } from "../table/table-schema.ts";
import { type EmailKind, recordMetric } from "../telemetry/record-metric.ts";
import { unavailable } from "../unavailable.ts";
import type { RenderedEmail } from "./email/magic-link-email.ts";
import { revokeLinkRecord } from "./store/revoke-link-record.ts";

/**
 * Sends the email of a link record just written. When it cannot be sent, the record's slot is emptied
 * first: nothing that was not sent may stay redeemable. Should the revocation fail too, the secrets
 * exist nowhere but in this process, so the send's failure stands either way. A sent email is
 * counted as EmailSent of its kind.
 */
export async function sendOrRevoke(
  context: { mailer: Mailer; table: TableRef },
  record: { subject: LinkSubject; slot: number; linkIdHash: string },
  mail: RenderedEmail & { to: string; kind: EmailKind },
): Promise<void> {
  const { kind, ...message } = mail;
  try {
    await context.mailer.send(message);
    recordMetric("EmailSent", { Kind: kind });
  } catch (cause) {
    await revokeLinkRecord(context.table, record.subject, record).catch(() => undefined);
    unavailable("send the email")(cause);
  }
}
