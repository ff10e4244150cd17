import { parseConfig } from "@latchkey/core";
import { cognitoDirectory, createClients, sesMailer } from "@latchkey/core/aws";
import { ALICE, startTestApi } from "@latchkey/testkit/api";
import { TEST_ORIGIN, testConfig } from "@latchkey/testkit/config";
import { startHangingServer } from "@latchkey/testkit/faults";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

type TestApi = Awaited<ReturnType<typeof startTestApi>>;
let hanging: Awaited<ReturnType<typeof startHangingServer>>;
let clients: ReturnType<typeof createClients>;
const apis: TestApi[] = [];
const logged = vi.spyOn(console, "error").mockImplementation(() => {});

/** Each test must end well inside this: the SDK's own default would wait five minutes for a reply. */
const BOUND_MS = 5000;

beforeAll(async () => {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
  hanging = await startHangingServer();
  // DynamoDB, SES and the user pool all accept the connection and never answer.
  const env = {
    LATCHKEY_DYNAMODB_ENDPOINT: hanging.url,
    LATCHKEY_SES_ENDPOINT: hanging.url,
    LATCHKEY_COGNITO_ENDPOINT: hanging.url,
    LATCHKEY_AWS_CONNECTION_TIMEOUT_MS: "200",
    LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "300",
  };
  clients = createClients(testConfig(env));
});
afterAll(async () => {
  for (const client of Object.values(clients)) client.destroy();
  await Promise.all(apis.map((api) => api.close()));
  await hanging.close();
  vi.unstubAllEnvs();
  logged.mockRestore();
});

async function api(overrides: Parameters<typeof startTestApi>[0]) {
  const started = await startTestApi(overrides);
  apis.push(started);
  return started;
}

async function expectTimedOut(response: Response) {
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/try again/) });
  expect(JSON.stringify(logged.mock.calls)).toContain("TimeoutError");
}

describe("a dependency that hangs", () => {
  it("DynamoDB: answers 503 SERVICE_UNAVAILABLE once the request timeout passes", { timeout: BOUND_MS }, async () => {
    const test = await api(() => ({ table: { client: clients.dynamodb, name: "latchkey" } }));
    await expectTimedOut(await test.call("GET", "", { token: test.signIn(ALICE) }));
  });

  it("the user pool: answers 503 SERVICE_UNAVAILABLE", { timeout: BOUND_MS }, async () => {
    const test = await api(() => ({ directory: cognitoDirectory(clients.cognito, "us-east-1_Hanging") }));
    await expectTimedOut(await test.call("POST", "/authentication/options", { body: { username: ALICE.email } }));
  });

  it("SES: answers 503 SERVICE_UNAVAILABLE to a sign-in email request", { timeout: BOUND_MS }, async () => {
    const test = await api(() => ({ mailer: sesMailer(clients.ses, "no-reply@example.com") }));
    const response = await test.app.request("/magic-links", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ALICE.email, redirectUri: `${TEST_ORIGIN}/` }),
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
  });
});

describe("the AWS timeouts", () => {
  const base = {
    LATCHKEY_REGION: "us-east-1",
    LATCHKEY_USER_POOL_ID: "us-east-1_Pool",
    LATCHKEY_CLIENT_IDS: "client",
    LATCHKEY_TABLE_NAME: "latchkey",
    LATCHKEY_RP_IDS: "example.com",
    LATCHKEY_ALLOWED_ORIGINS: TEST_ORIGIN,
    LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 1).toString("base64"),
    LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
  };

  it("default to bounds whose two attempts fit in Cognito's 5 seconds for a trigger", () => {
    const { aws } = parseConfig(base);
    expect(aws).toEqual({ connectionTimeoutMs: 1000, requestTimeoutMs: 1500 });
    expect(2 * aws.requestTimeoutMs).toBeLessThan(5000);
  });

  it("refuse settings that would outlast it, or a connection bound past the request's", () => {
    expect(() => parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "2001" })).toThrow(/at most 2000/);
    expect(() => parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "0" })).toThrow(/positive integer/);
    expect(() =>
      parseConfig({ ...base, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "500", LATCHKEY_AWS_CONNECTION_TIMEOUT_MS: "600" }),
    ).toThrow(/LATCHKEY_AWS_CONNECTION_TIMEOUT_MS must not exceed/);
  });
});
