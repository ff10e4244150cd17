import { log } from "@latchkey/core";
import type { IamCaller } from "./iam-caller.ts";

/** The operations contract's audit events for what support staff change (EventBridge DetailType). */
export type AdminAuditEvent = "PasskeysRevokedByAdmin" | "SignInsRevokedByAdmin" | "SignedOutByAdmin";

/**
 * The one place an admin change is recorded: a log line naming the IAM caller, the user and what was
 * done. The audit-event port (LATCHKEY_EVENT_BUS) sends each as an EventBridge event of this
 * DetailType, with `detail` as its Detail; its call belongs here, beside the log line.
 */
export function auditAdminChange(
  caller: IamCaller,
  event: AdminAuditEvent,
  detail: { username: string } & Record<string, unknown>,
): void {
  log("info", "admin change", { event, caller: caller.userArn, requestId: caller.requestId, ...detail });
}

/** What support staff looked at: a log line, no audit event (reads change nothing). */
export function logAdminRead(caller: IamCaller, route: string, detail: Record<string, unknown>): void {
  log("info", "admin read", { route, caller: caller.userArn, requestId: caller.requestId, ...detail });
}
