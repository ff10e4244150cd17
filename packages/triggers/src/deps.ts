import { type Clock, type LatchkeyConfig, type Signer, systemClock, type TableRef } from "@latchkey/core";
import { createClients, createSigner } from "@latchkey/core/aws";

/** What the triggers need; built once per cold start. */
export interface TriggerDeps {
  config: LatchkeyConfig;
  table: TableRef;
  signer: Signer;
  clock: Clock;
}

export function createTriggerDeps(config: LatchkeyConfig): TriggerDeps {
  const { dynamodb } = createClients(config);
  return {
    config,
    table: { client: dynamodb, name: config.tableName },
    signer: createSigner(config),
    clock: systemClock,
  };
}
