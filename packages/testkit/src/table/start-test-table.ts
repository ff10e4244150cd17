import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "@latchkey/core";
import { ensureTable, startDynamo } from "@latchkey/local/dynamodb";
import { type CallCounter, countCalls } from "./count-calls.ts";

export interface TestTable extends TableRef {
  endpoint: string;
  /** The commands the client has sent since the table was created (or since `calls.reset()`). */
  calls: CallCounter;
  close(): Promise<void>;
}

/**
 * The project's table in dynalite, in memory on a free loopback port, created as the local stack
 * creates it, with a client that counts its calls so tests can hold each flow to its DynamoDB budget.
 */
export async function startTestTable(name = "latchkey-test"): Promise<TestTable> {
  const dynamo = await startDynamo({ port: 0 });
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  await ensureTable(client, name);
  return {
    client,
    name,
    endpoint: dynamo.endpoint,
    calls: countCalls(client),
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}
