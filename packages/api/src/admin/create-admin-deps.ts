import { systemClock } from "@latchkey/core";
import type { AdminConfig } from "@latchkey/core/admin";
import { cognitoAdminDirectory } from "@latchkey/core/aws/cognito-admin-directory";
import { cognitoClient } from "@latchkey/core/aws/cognito-client";
import { dynamodbClient } from "@latchkey/core/aws/dynamodb-client";
import { eventBridgeAuditEvents } from "@latchkey/core/aws/event-bridge-audit-events";
import { aaguidDirectory } from "@latchkey/core/passkeys";
import type { AdminDeps } from "./deps.ts";

/** The admin API's dependencies on AWS, the same wherever it runs: the table, the pool and the audit events' bus. */
export function createAdminDeps(config: AdminConfig): AdminDeps {
  return {
    table: { client: dynamodbClient(config), name: config.tableName },
    directory: cognitoAdminDirectory(cognitoClient(config), config.userPoolId),
    aaguids: aaguidDirectory(config.passkeys.aaguidSource),
    clock: systemClock,
    auditEvents: eventBridgeAuditEvents(config),
  };
}
