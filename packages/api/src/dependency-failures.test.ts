import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { cognitoDirectory } from "@latchkey/core/aws";
import { ALICE, startTestApi } from "@latchkey/testkit/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestApi = Awaited<ReturnType<typeof startTestApi>>;
let api: TestApi;
let tableDown: TestApi;
let misconfigured: TestApi;
const down = { endpoint: "http://127.0.0.1:9", region: "us-east-1", maxAttempts: 1 };
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
// Nothing listens on port 9: the user pool and DynamoDB are down.
const brokenDirectory = new CognitoIdentityProviderClient({ ...down, credentials });
const brokenTable = new DynamoDBClient({ ...down, credentials });

beforeAll(async () => {
  api = await startTestApi(() => ({
    table: { client: brokenTable, name: "latchkey" },
    directory: cognitoDirectory(brokenDirectory, "us-east-1_Test"),
  }));
  tableDown = await startTestApi(() => ({ table: { client: brokenTable, name: "latchkey" } }));
  // A table name that names no table: DynamoDB answers, and blames the caller.
  misconfigured = await startTestApi((table) => ({ table: { client: table.client, name: "no-such-table" } }));
});
afterAll(async () => {
  brokenDirectory.destroy();
  brokenTable.destroy();
  await api?.close();
  await tableDown?.close();
  await misconfigured?.close();
});

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toEqual({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/try again later/) });
  expect(JSON.stringify(body)).not.toMatch(/no-such-table|127\.0\.0\.1|at .*\.ts/);
}

describe("a dependency that fails", () => {
  it("answers 503 SERVICE_UNAVAILABLE, without details, when the user pool is down", async () => {
    await expectUnavailable(await api.call("POST", "/authentication/options", { body: { username: ALICE.email } }));
  });

  it("answers 503 SERVICE_UNAVAILABLE, not 401, when the user pool cannot check an access token", async () => {
    await expectUnavailable(await api.call("GET", "", { token: api.signIn(ALICE) }));
  });

  it("answers 503 SERVICE_UNAVAILABLE when DynamoDB is down", async () => {
    await expectUnavailable(await tableDown.call("GET", "", { token: tableDown.signIn(ALICE) }));
  });

  it("answers 500 INTERNAL, not 'try again later', when AWS refuses a call that can never succeed", async () => {
    const response = await misconfigured.call("GET", "", { token: misconfigured.signIn(ALICE) });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: "INTERNAL", message: "Internal error." });
  });

  it("still answers what needs neither: usernameless options", async () => {
    expect((await api.call("POST", "/authentication/options", { body: {} })).status).toBe(200);
  });
});
