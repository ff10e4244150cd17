import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { createTableInput, type TableRef } from "../../table/index.ts";

export interface TestTable {
  table: TableRef;
  endpoint: string;
  close(): Promise<void>;
}

/** For tests: dynalite in memory on a free loopback port, with the project's table created. */
export async function startTestTable(name = "latchkey-test"): Promise<TestTable> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  await client.send(new CreateTableCommand(createTableInput(name)));
  return {
    table: { client, name },
    endpoint,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
