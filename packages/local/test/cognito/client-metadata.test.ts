import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, startTestPool, type TestPool } from "./test-pool.ts";
import { rightAnswer } from "./test-triggers.ts";

/**
 * Cognito's documented routing: InitiateAuth's ClientMetadata reaches only PreAuthentication (as
 * validationData); RespondToAuthChallenge's reaches Define, Create, Verify, PreTokenGeneration and
 * PostAuthentication.
 */
describe("ClientMetadata", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool();
    const username = await pool.createUser("meta@example.com");
    const challenge = await pool.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: username },
        ClientMetadata: { from: "initiate" },
      }),
    );
    const retry = await pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: "wrong" },
        ClientMetadata: { from: "respond-1" },
      }),
    );
    await pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: retry.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: rightAnswer },
        ClientMetadata: { from: "respond-2" },
      }),
    );
  });
  afterAll(() => pool.close());

  it("from InitiateAuth reaches PreAuthentication as validationData, and nothing else", () => {
    const [preAuthentication] = pool.log.of("PreAuthentication_Authentication");
    expect(preAuthentication?.request.validationData).toEqual({ from: "initiate" });
    expect(JSON.stringify(pool.log.events.filter((e) => e !== preAuthentication))).not.toContain("initiate");
  });

  it("is absent from the first Define and Create", () => {
    const [define] = pool.log.of("DefineAuthChallenge_Authentication");
    const [create] = pool.log.of("CreateAuthChallenge_Authentication");
    expect(define?.request).not.toHaveProperty("clientMetadata");
    expect(create?.request).not.toHaveProperty("clientMetadata");
  });

  it("from each RespondToAuthChallenge reaches the triggers that call runs", () => {
    const seen = pool.log.events
      .filter((e) => !["PreSignUp_AdminCreateUser", "PreAuthentication_Authentication"].includes(e.triggerSource))
      .map((e) => [e.triggerSource, e.request.clientMetadata?.from]);
    expect(seen).toEqual([
      ["DefineAuthChallenge_Authentication", undefined],
      ["CreateAuthChallenge_Authentication", undefined],
      ["VerifyAuthChallengeResponse_Authentication", "respond-1"],
      ["DefineAuthChallenge_Authentication", "respond-1"],
      ["CreateAuthChallenge_Authentication", "respond-1"],
      ["VerifyAuthChallengeResponse_Authentication", "respond-2"],
      ["DefineAuthChallenge_Authentication", "respond-2"],
      ["PostAuthentication_Authentication", "respond-2"],
      ["TokenGeneration_Authentication", "respond-2"],
    ]);
  });
});
