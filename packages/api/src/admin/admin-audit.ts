import { type AuditEvents, errorFields, log } from "@latchkey/core";
import type { AuditEventDetails } from "@latchkey/core/audit";
import type { IamCaller } from "./iam-caller.ts";

/** The audit events of what support staff change (EventBridge DetailType; docs/audit-events.md). */
export type AdminAuditEvent = "PasskeysRevokedByAdmin" | "SignInsRevokedByAdmin" | "SignedOutByAdmin";

/**
 * The one place an admin change is recorded: a log line naming the IAM caller, the user and what was
 * done, and the audit event, whose principal is the caller. The change has happened by then: an event
 * that cannot be sent is logged, and the answer stands. Awaited, so that Lambda does not freeze the
 * function with the event still in flight.
 */
export async function auditAdminChange<T extends AdminAuditEvent>(
  events: AuditEvents,
  caller: IamCaller,
  event: T,
  detail: Omit<AuditEventDetails[T], "requestId" | "principal">,
): Promise<void> {
  log("info", "admin change", { event, caller: caller.userArn, requestId: caller.requestId, ...detail });
  const published = { ...detail, principal: caller.userArn, requestId: caller.requestId };
  await events
    .publish({ detailType: event, detail: published } as Parameters<AuditEvents["publish"]>[0])
    .catch((error: unknown) => log("error", "audit event not sent", { detailType: event, ...errorFields(error) }));
}

/** What support staff looked at: a log line, no audit event (reads change nothing). */
export function logAdminRead(caller: IamCaller, route: string, detail: Record<string, unknown>): void {
  log("info", "admin read", { route, caller: caller.userArn, requestId: caller.requestId, ...detail });
}
