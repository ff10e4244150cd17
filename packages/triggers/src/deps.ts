import {
  type AuditEvents,
  type Clock,
  type LatchkeyConfig,
  type Signer,
  systemClock,
  type TableRef,
} from "@latchkey/core";
import { createSigner } from "@latchkey/core/aws/create-signer";
import { dynamodbClient } from "@latchkey/core/aws/dynamodb-client";
import { eventBridgeAuditEvents } from "@latchkey/core/aws/event-bridge-audit-events";

/** What the triggers need; built once per cold start. */
export interface TriggerDeps {
  config: LatchkeyConfig;
  table: TableRef;
  signer: Signer;
  clock: Clock;
  /** Where the sign-in audit events go: EventBridge, or nowhere when the deployment names no bus. */
  auditEvents: AuditEvents;
}

export function createTriggerDeps(config: LatchkeyConfig): TriggerDeps {
  // Only DynamoDB, the signer and the event bus: the triggers never mail or call Cognito.
  return {
    config,
    table: { client: dynamodbClient(config), name: config.tableName },
    signer: createSigner(config),
    clock: systemClock,
    auditEvents: eventBridgeAuditEvents(config),
  };
}
