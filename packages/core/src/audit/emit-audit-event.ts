import { errorFields, log } from "../log.ts";
import type { AuditEvents } from "../ports.ts";
import { currentInvocation } from "../telemetry/invocation-store.ts";
import type { AuditEvent, AuditEventDetails, AuditEventType } from "./audit-event.ts";

/**
 * Sends an audit event without waiting for it: the work goes on meanwhile, and only the invocation's
 * closing line waits (see runInvocation). A send that fails is logged (and counted as a dependency
 * failure by the adapter) and changes nothing else: an audit event never breaks or changes what the
 * caller gets.
 */
export function emitAuditEvent<T extends AuditEventType>(
  events: AuditEvents,
  detailType: T,
  detail: Omit<AuditEventDetails[T], "requestId">,
): void {
  const invocation = currentInvocation();
  const event = { detailType, detail: { ...detail, requestId: invocation?.requestId ?? "none" } } as AuditEvent;
  const sent = Promise.resolve()
    .then(() => events.publish(event))
    .catch((error: unknown) => log("error", "audit event not sent", { detailType, ...errorFields(error) }));
  invocation?.pending.push(sent);
}
