import type { AdminDirectory, AuditEvents, Clock, TableRef } from "@latchkey/core";
import type { AaguidDirectory } from "@latchkey/core/passkeys";

/** Everything the admin API needs, built once per process by its entry (admin/lambda.ts or the local stack). */
export interface AdminDeps {
  table: TableRef;
  directory: AdminDirectory;
  /** Names and icons of the authenticators passkeys were made on. */
  aaguids: AaguidDirectory;
  clock: Clock;
  /** Where each change goes as an audit event (none without LATCHKEY_EVENT_BUS). */
  auditEvents: AuditEvents;
}
