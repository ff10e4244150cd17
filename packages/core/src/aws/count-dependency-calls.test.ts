import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { passkeyItemKey } from "../table/item-keys.ts";
import { runInvocation } from "../telemetry/run-invocation.ts";
import { dynamodbClient } from "./dynamodb-client.ts";

const info = vi.spyOn(console, "info").mockImplementation(() => {});
let table: TestTable;
beforeAll(async () => {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
  table = await startTestTable();
});
afterAll(async () => {
  await table?.close();
  info.mockRestore();
  vi.unstubAllEnvs();
});

const start = { flow: "verifyAuthChallengeResponse", requestId: "r-1", msg: "trigger", namespace: "Latchkey" };
const closingLine = () => JSON.parse(String(info.mock.calls.at(-1)?.[0])) as Record<string, unknown>;

describe("countDependencyCalls", () => {
  const client = () =>
    dynamodbClient({
      region: "us-east-1",
      dynamodbEndpoint: table.endpoint,
      aws: { connectionTimeoutMs: 1000, requestTimeoutMs: 2000 },
    });
  const key = passkeyItemKey("counted");

  it("counts every call in the invocation's line, an answer like a condition failure among them", async () => {
    const dynamodb = client();
    await runInvocation(start, async () => {
      await dynamodb.send(new GetItemCommand({ TableName: table.name, Key: key }));
      await dynamodb.send(new PutItemCommand({ TableName: table.name, Item: key }));
      const again = new PutItemCommand({
        TableName: table.name,
        Item: key,
        ConditionExpression: "attribute_not_exists(pk)",
      });
      await expect(dynamodb.send(again)).rejects.toThrow(/conditional request failed/);
    });
    expect(closingLine()).toMatchObject({
      flow: start.flow,
      outcome: "ok",
      calls: { DynamoDB: { GetItem: 1, PutItem: 2 } },
    });
    expect(closingLine()).not.toHaveProperty("_aws");
  });

  it("counts a failed call as a call and as DependencyFailure", async () => {
    const dynamodb = client();
    await runInvocation(start, async () => {
      const missing = new GetItemCommand({ TableName: "no-such-table", Key: key });
      await expect(dynamodb.send(missing)).rejects.toThrow(/resource not found/);
    });
    expect(closingLine()).toMatchObject({
      calls: { DynamoDB: { GetItem: 1 } },
      Dependency: "DynamoDB",
      DependencyFailure: 1,
    });
  });

  it("leaves calls out of a line whose invocation made none, and counts nothing outside one", async () => {
    const dynamodb = client();
    await dynamodb.send(new GetItemCommand({ TableName: table.name, Key: key }));
    await runInvocation(start, async () => {});
    expect(closingLine()).not.toHaveProperty("calls");
  });
});
