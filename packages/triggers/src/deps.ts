import { type Clock, type LatchkeyConfig, type Signer, systemClock, type TableRef } from "@latchkey/core";
import { createSigner } from "@latchkey/core/aws/create-signer";
import { dynamodbClient } from "@latchkey/core/aws/dynamodb-client";

/** What the triggers need; built once per cold start. */
export interface TriggerDeps {
  config: LatchkeyConfig;
  table: TableRef;
  signer: Signer;
  clock: Clock;
}

export function createTriggerDeps(config: LatchkeyConfig): TriggerDeps {
  // Only DynamoDB and the signer: the triggers never mail or call Cognito.
  return {
    config,
    table: { client: dynamodbClient(config), name: config.tableName },
    signer: createSigner(config),
    clock: systemClock,
  };
}
