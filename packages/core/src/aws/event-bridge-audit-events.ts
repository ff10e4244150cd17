import { AUDIT_EVENT_SOURCE } from "../audit/audit-event.ts";
import type { LatchkeyConfig } from "../config.ts";
import { onFirstCall } from "../on-first-call.ts";
import { type AuditEvents, noAuditEvents } from "../ports.ts";
import { recordMetric } from "../telemetry/record-metric.ts";
import { countDependencyCalls } from "./count-dependency-calls.ts";

/**
 * Audit events to Amazon EventBridge (PutEvents, one entry each), to the config's bus; none without
 * one. One attempt, bounded by LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS: an event is not worth a slower
 * sign-in, and a lost one is counted (DependencyFailure, EventBridge) and logged. PutEvents answers
 * 200 for an entry it refused, so a refused entry is a failure too. The client (and its SDK module) is
 * built when the first event is sent: a cold start that sends none never loads it.
 */
export function eventBridgeAuditEvents(
  config: Pick<LatchkeyConfig, "region" | "auditEvents" | "eventsEndpoint">,
): AuditEvents {
  const { eventBus, timeoutMs } = config.auditEvents;
  if (!eventBus) return noAuditEvents;
  return onFirstCall(async () => {
    const { EventBridgeClient, PutEventsCommand } = await import("@aws-sdk/client-eventbridge");
    const client = countDependencyCalls(
      new EventBridgeClient({
        region: config.region,
        maxAttempts: 1,
        requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
        ...(config.eventsEndpoint && { endpoint: config.eventsEndpoint }),
      }),
      "EventBridge",
    );
    return {
      async publish(event) {
        const answer = await client.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: eventBus,
                Source: AUDIT_EVENT_SOURCE,
                DetailType: event.detailType,
                Detail: JSON.stringify(event.detail),
              },
            ],
          }),
        );
        if (answer.FailedEntryCount) {
          recordMetric("DependencyFailure", { Dependency: "EventBridge" });
          const [entry] = answer.Entries ?? [];
          throw new Error(`PutEvents refused the event: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
        }
      },
    } satisfies AuditEvents;
  }, ["publish"]);
}
