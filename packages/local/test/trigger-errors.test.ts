import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startHangingServer } from "@latchkey/testkit/faults";
import { magicLinkConfig, testDeps } from "@latchkey/testkit/magic-links";
import { createTriggerDeps, createTriggers } from "@latchkey/triggers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clientId, expectCognitoError, startTestPool, type TestPool } from "./cognito/test-pool.ts";

// Nothing listens on port 9: DynamoDB refuses the triggers' calls, with the SDK's own words.
const brokenTable = new DynamoDBClient({
  endpoint: "http://127.0.0.1:9",
  region: "us-east-1",
  maxAttempts: 1,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});

describe("Latchkey's triggers, failing in Cognito", () => {
  let pool: TestPool;
  let username: string;
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});

  beforeAll(async () => {
    const { deps } = testDeps({ client: brokenTable, name: "latchkey" });
    const triggers = createTriggers(async () => deps);
    pool = await startTestPool({
      clientIds: [clientId, deps.config.clientIds[0] as string],
      triggers: {
        defineAuthChallenge: triggers.defineAuthChallenge,
        createAuthChallenge: triggers.createAuthChallenge,
        verifyAuthChallengeResponse: triggers.verifyAuthChallengeResponse,
      },
    });
    username = await pool.createUser("broken@example.com");
  });
  afterAll(async () => {
    brokenTable.destroy();
    await pool?.close();
    logged.mockRestore();
  });

  it("tell the browser a stable code and nothing of the dependency; the log has the details", async () => {
    const [ourClient] = testDeps({ client: brokenTable, name: "latchkey" }).deps.config.clientIds;
    const { Session } = await pool.client.send(
      new InitiateAuthCommand({ ClientId: ourClient, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username } }),
    );
    const answer = pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: ourClient,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session,
        ChallengeResponses: { USERNAME: username, ANSWER: "123456" },
        ClientMetadata: { signInMethod: "EMAIL_CODE" },
      }),
    );
    await expectCognitoError(
      answer,
      "UserLambdaValidationException",
      "VerifyAuthChallengeResponse failed with error SERVICE_UNAVAILABLE.",
    );
    const lines = logged.mock.calls.map((call) => JSON.parse(String(call[0])));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        msg: "trigger failed",
        trigger: "VerifyAuthChallengeResponse",
        code: "SERVICE_UNAVAILABLE",
        message: expect.stringContaining("ECONNREFUSED 127.0.0.1:9"),
      }),
    );
  });

  it("say INTERNAL, not what broke, when their dependencies cannot even be built", async () => {
    const failing = createTriggers(async () => {
      throw new Error("LATCHKEY_SIGNING_KEY_FILE: cannot read /secret/path/key.pem");
    });
    const event = { triggerSource: "VerifyAuthChallengeResponse_Authentication" } as never;
    await expect(failing.handler(event)).rejects.toThrow(/^INTERNAL$/);
    expect(JSON.stringify(logged.mock.calls)).toContain("/secret/path/key.pem");
  });

  it("fail within Cognito's five seconds when DynamoDB hangs, with SERVICE_UNAVAILABLE", {
    timeout: 5000,
  }, async () => {
    const hanging = await startHangingServer();
    vi.stubEnv("AWS_ACCESS_KEY_ID", "test");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test");
    const config = magicLinkConfig({ LATCHKEY_DYNAMODB_ENDPOINT: hanging.url, LATCHKEY_AWS_REQUEST_TIMEOUT_MS: "300" });
    const deps = createTriggerDeps(config);
    const triggers = createTriggers(deps);
    const [ourClient] = config.clientIds;
    const hangingPool = await startTestPool({
      clientIds: [ourClient as string],
      triggers: {
        defineAuthChallenge: triggers.defineAuthChallenge,
        createAuthChallenge: triggers.createAuthChallenge,
        verifyAuthChallengeResponse: triggers.verifyAuthChallengeResponse,
      },
    });
    try {
      const user = await hangingPool.createUser("hung@example.com");
      const { Session } = await hangingPool.client.send(
        new InitiateAuthCommand({ ClientId: ourClient, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: user } }),
      );
      await expectCognitoError(
        hangingPool.client.send(
          new RespondToAuthChallengeCommand({
            ClientId: ourClient,
            ChallengeName: "CUSTOM_CHALLENGE",
            Session,
            ChallengeResponses: { USERNAME: user, ANSWER: "123456" },
            ClientMetadata: { signInMethod: "EMAIL_CODE" },
          }),
        ),
        "UserLambdaValidationException",
        "VerifyAuthChallengeResponse failed with error SERVICE_UNAVAILABLE.",
      );
      expect(JSON.stringify(logged.mock.calls)).toContain("TimeoutError");
    } finally {
      vi.unstubAllEnvs();
      deps.table.client.destroy();
      await hangingPool.close();
      await hanging.close();
    }
  });
});
