import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { ensureTable, startDynamo } from "../src/dynamodb.ts";

const dataDir = mkdtempSync(join(tmpdir(), "latchkey-dynamo-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** One run of the local DynamoDB: start, do something through the real SDK client, stop. */
async function run<T>(path: string | undefined, work: (client: DynamoDBClient) => Promise<T>): Promise<T> {
  const dynamo = await startDynamo({ port: 0, ...(path && { path }) });
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await ensureTable(client, "latchkey");
    return await work(client);
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

const key = { pk: { S: "KEEP#1" }, sk: { S: "ITEM" } };
const put = (client: DynamoDBClient) =>
  client.send(new PutItemCommand({ TableName: "latchkey", Item: { ...key, note: { S: "kept" } } }));
const get = async (client: DynamoDBClient) =>
  (await client.send(new GetItemCommand({ TableName: "latchkey", Key: key }))).Item?.note?.S;

describe("the local DynamoDB", () => {
  it("keeps the table and its items between runs in a data directory", async () => {
    await run(dataDir, put);
    expect(await run(dataDir, get)).toBe("kept");
  });

  it("forgets everything between runs in memory", async () => {
    await run(undefined, put);
    expect(await run(undefined, get)).toBeUndefined();
  });
});
