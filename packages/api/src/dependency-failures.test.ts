import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { cognitoDirectory } from "@latchkey/core/aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, startTestApi } from "./passkeys/test-api.ts";

type TestApi = Awaited<ReturnType<typeof startTestApi>>;
let api: TestApi;
let brokenDirectory: CognitoIdentityProviderClient;

beforeAll(async () => {
  // Nothing listens on port 9: the user pool is down. The table's name names no table: DynamoDB refuses.
  brokenDirectory = new CognitoIdentityProviderClient({
    endpoint: "http://127.0.0.1:9",
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  api = await startTestApi((table) => ({
    table: { client: table.client, name: "no-such-table" },
    directory: cognitoDirectory(brokenDirectory, "us-east-1_Test"),
  }));
});
afterAll(async () => {
  brokenDirectory?.destroy();
  await api?.close();
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

  it("answers 503 SERVICE_UNAVAILABLE when DynamoDB refuses", async () => {
    await expectUnavailable(await api.call("GET", "", { token: api.signIn(ALICE) }));
  });

  it("still answers what needs neither: usernameless options", async () => {
    expect((await api.call("POST", "/authentication/options", { body: {} })).status).toBe(200);
  });
});
