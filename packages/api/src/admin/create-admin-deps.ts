import { systemClock } from "@latchkey/core";
import type { AdminConfig } from "@latchkey/core/admin";
import { cognitoAdminDirectory } from "@latchkey/core/aws/cognito-admin-directory";
import { cognitoClient } from "@latchkey/core/aws/cognito-client";
import { dynamodbClient } from "@latchkey/core/aws/dynamodb-client";
import { aaguidDirectory } from "@latchkey/core/passkeys";
import type { AdminDeps } from "./deps.ts";

/** The admin API's dependencies on AWS, the same wherever it runs: the table and the pool, nothing else. */
export function createAdminDeps(config: AdminConfig): AdminDeps {
  return {
    table: { client: dynamodbClient(config), name: config.tableName },
    directory: cognitoAdminDirectory(cognitoClient(config), config.userPoolId),
    aaguids: aaguidDirectory(config.passkeys.aaguidSource),
    clock: systemClock,
  };
}
