import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "@latchkey/core";
import type { TestTable } from "./start-test-table.ts";

export interface HeldCommands {
  /** The same table through a client of its own, whose `commandName` calls wait for `release()`. */
  table: TableRef;
  /** Resolves once `count` calls are waiting. */
  held(count: number): Promise<void>;
  /** Lets the waiting calls go, all at once, and every later one straight through. */
  release(): void;
  close(): void;
}

/**
 * Holds one command of a flow before it is sent, so a test can order real calls: several sign-ins all
 * read before any writes (a race that timing alone would only sometimes give), or another change lands
 * between one flow's read and its write.
 */
export function holdCommands(testTable: TestTable, commandName: string): HeldCommands {
  const client = new DynamoDBClient({
    region: "us-east-1",
    endpoint: testTable.endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let released = false;
  let waiting = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (!released && context.commandName === commandName) {
        waiting += 1;
        for (const watcher of watchers) if (waiting >= watcher.count) watcher.resolve();
        await gate;
      }
      return next(args);
    },
    { step: "initialize", name: "latchkeyHoldCommands" },
  );
  return {
    table: { client, name: testTable.name },
    held: (count) =>
      waiting >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve })),
    release() {
      released = true;
      open();
    },
    close: () => client.destroy(),
  };
}
