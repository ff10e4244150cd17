import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ALICE, startTestApi } from "@latchkey/testkit/api";
import { TEST_ORIGIN } from "@latchkey/testkit/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestApi = Awaited<ReturnType<typeof startTestApi>>;
let api: TestApi;
let down: TestApi;
// Nothing listens on port 9: DynamoDB is down for the second api.
const brokenTable = new DynamoDBClient({
  endpoint: "http://127.0.0.1:9",
  region: "us-east-1",
  maxAttempts: 1,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});

beforeAll(async () => {
  api = await startTestApi();
  down = await startTestApi(() => ({ table: { client: brokenTable, name: "latchkey" } }));
});
afterAll(async () => {
  brokenTable.destroy();
  await api?.close();
  await down?.close();
});

describe("every api response", () => {
  it("is not cached and not sniffed, successes and errors alike", async () => {
    const token = api.signIn(ALICE);
    const responses: [string, Response][] = [
      ["list", await api.call("GET", "", { token })],
      ["options", await api.call("POST", "/authentication/options", { body: {} })],
      ["no token", await api.call("GET", "")],
      ["malformed JSON", await api.call("POST", "/authentication/options", { raw: "{" })],
      ["too large", await api.call("POST", "/authentication/options", { raw: "x".repeat(70_000) })],
      ["unknown passkey", await api.call("DELETE", "/AAAA", { token })],
      ["unknown route", await api.call("GET", "/no/such/route", { token })],
      ["preflight", await api.call("OPTIONS", "", { origin: TEST_ORIGIN })],
      ["DynamoDB down", await down.call("GET", "", { token: down.signIn(ALICE) })],
    ];
    expect(responses.map(([name, response]) => [name, response.status])).toEqual([
      ["list", 200],
      ["options", 200],
      ["no token", 401],
      ["malformed JSON", 400],
      ["too large", 413],
      ["unknown passkey", 404],
      ["unknown route", 404],
      ["preflight", 204],
      ["DynamoDB down", 503],
    ]);
    for (const [name, response] of responses) {
      expect({ name, cacheControl: response.headers.get("cache-control") }).toEqual({ name, cacheControl: "no-store" });
      expect({ name, nosniff: response.headers.get("x-content-type-options") }).toEqual({ name, nosniff: "nosniff" });
    }
  });
});
