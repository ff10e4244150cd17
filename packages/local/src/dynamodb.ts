import type { AddressInfo } from "node:net";
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTableInput } from "@latchkey/core";
import dynalite from "dynalite";

export interface LocalDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/** dynalite on loopback: in memory, or in `path` (LevelDB) to keep data between runs. */
export async function startDynamo(options: { port: number; path?: string }): Promise<LocalDynamo> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path && { path: options.path }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const tableStatus = (client: DynamoDBClient, tableName: string) =>
  client.send(new DescribeTableCommand({ TableName: tableName })).then(
    (described) => described.Table?.TableStatus,
    (error: Error) => {
      if (error.name === "ResourceNotFoundException") return undefined;
      throw error;
    },
  );

/**
 * Creates the project's table from core's CreateTable input, as the CDK construct builds it, unless it
 * exists; resolves once it is ACTIVE (dynalite, like DynamoDB, refuses items while a table is CREATING).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if (!(await tableStatus(client, tableName))) {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  }
  for (let wait = 1; (await tableStatus(client, tableName)) !== "ACTIVE"; wait = Math.min(wait * 2, 100)) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
