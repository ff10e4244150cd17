import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { CreateAuthChallengeTriggerEvent, VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientId, expectCognitoError, startTestPool, type TestPool } from "./test-pool.ts";
import { rightAnswer } from "./test-triggers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Cognito's five seconds, shortened for the test; the emulator's default is Cognito's. */
const LIMIT_MS = 100;
/** How long each call of a trigger takes, call by call; calls past the list are quick. */
let delays: number[] = [];
let calls: string[] = [];

function slowly<E extends CreateAuthChallengeTriggerEvent | VerifyAuthChallengeResponseTriggerEvent>(
  name: string,
  answer: (event: E, call: number) => void,
) {
  return async (event: E) => {
    calls.push(name);
    const call = calls.filter((called) => called === name).length;
    await sleep(delays[call - 1] ?? 0);
    answer(event, call);
    return event;
  };
}

describe("a trigger slower than Cognito waits for", () => {
  let pool: TestPool;
  let username: string;

  beforeAll(async () => {
    pool = await startTestPool({
      triggerTimeoutMs: LIMIT_MS,
      triggers: {
        createAuthChallenge: slowly("create", (event: CreateAuthChallengeTriggerEvent, call) => {
          event.response.publicChallengeParameters = { call: String(call) };
          event.response.privateChallengeParameters = { answer: rightAnswer };
        }),
        verifyAuthChallengeResponse: slowly("verify", (event: VerifyAuthChallengeResponseTriggerEvent) => {
          event.response.answerCorrect = event.request.challengeAnswer === rightAnswer;
        }),
      },
    });
    username = await pool.createUser("slow@example.com");
  });
  afterAll(() => pool.close());
  beforeEach(() => {
    calls = [];
  });

  const initiate = () =>
    pool.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username } }),
    );

  it("is called three times, then the call fails as Cognito fails it", async () => {
    delays = [LIMIT_MS * 3, LIMIT_MS * 3, LIMIT_MS * 3];
    await expectCognitoError(
      initiate(),
      "UnexpectedLambdaException",
      "CreateAuthChallenge invocation failed due to error Socket timeout while invoking Lambda function.",
    );
    expect(calls).toEqual(["create", "create", "create"]);
  });

  it("that is slow once, as on a cold start, is called again, and only the call Cognito waits for counts", async () => {
    delays = [LIMIT_MS * 2];
    const challenge = await initiate();
    expect(calls).toEqual(["create", "create"]);
    expect(challenge.ChallengeParameters).toMatchObject({ call: "2" });
    // The abandoned first call finishes later, unheard; the sign-in goes on with the second's challenge.
    await sleep(LIMIT_MS * 2);
    const result = await pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: rightAnswer },
      }),
    );
    expect(result.AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });

  it("fails RespondToAuthChallenge alike when Verify never answers in time", async () => {
    delays = [];
    const { Session } = await initiate();
    delays = [LIMIT_MS * 3, LIMIT_MS * 3, LIMIT_MS * 3];
    calls = [];
    await expectCognitoError(
      pool.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session,
          ChallengeResponses: { USERNAME: username, ANSWER: rightAnswer },
        }),
      ),
      "UnexpectedLambdaException",
      "VerifyAuthChallengeResponse invocation failed due to error Socket timeout while invoking Lambda function.",
    );
    expect(calls).toEqual(["verify", "verify", "verify"]);
  });

  it("that throws is not called again: its error is the answer", async () => {
    const failing = await startTestPool({
      triggerTimeoutMs: LIMIT_MS,
      triggers: {
        createAuthChallenge: async () => {
          calls.push("create");
          throw new Error("boom");
        },
      },
    });
    try {
      const user = await failing.createUser("boom@example.com");
      await expectCognitoError(
        failing.client.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: user } }),
        ),
        "UserLambdaValidationException",
        "CreateAuthChallenge failed with error boom.",
      );
      expect(calls).toEqual(["create"]);
    } finally {
      await failing.close();
    }
  });
});
