import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startCognitoEmulator } from "@latchkey/local";
import { createTriggers } from "@latchkey/triggers";

export const TEST_ANSWER = "open sesame";
/** An answer the test pool's Verify trigger throws on, as Latchkey's do when DynamoDB fails. */
export const FAILING_ANSWER = "boom";

/**
 * The Cognito emulator with the smallest custom-auth triggers that issue tokens for one right answer,
 * so the client's token handling runs against Cognito's real protocol without the whole stack.
 * Its clock follows Date.now, so fake timers move token lifetimes too.
 */
export async function startTestPool() {
  const userPoolId = "us-east-1_ClientTest";
  const clientId = "clienttestclient";
  const emulator = await startCognitoEmulator({
    region: "us-east-1",
    userPoolId,
    clientIds: [clientId],
    now: () => Date.now(),
    triggers: {
      defineAuthChallenge: async (event) => {
        const last = event.request.session.at(-1);
        event.response.issueTokens = last?.challengeResult === true;
        event.response.failAuthentication = last !== undefined && !last.challengeResult;
        if (!last) event.response.challengeName = "CUSTOM_CHALLENGE";
        return event;
      },
      createAuthChallenge: async (event) => {
        event.response.publicChallengeParameters = {};
        event.response.privateChallengeParameters = {};
        return event;
      },
      verifyAuthChallengeResponse: async (event) => {
        if (event.request.challengeAnswer === FAILING_ANSWER) throw new Error("the table is unreachable");
        event.response.answerCorrect = event.request.challengeAnswer === TEST_ANSWER;
        return event;
      },
      // Latchkey's own, which needs no dependencies: a step-up's action reaches the access token.
      preTokenGenerationV2: createTriggers(() => Promise.reject(new Error("unused"))).preTokenGeneration,
    },
  });
  const admin = new CognitoIdentityProviderClient({
    endpoint: emulator.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  return {
    userPoolId,
    clientId,
    endpoint: emulator.url,
    /** A client with (any) IAM credentials, for the admin operations. */
    admin,
    /** CUSTOM_AUTH with the right answer: the AuthenticationResult. */
    async signIn(login: string) {
      const started = await admin.send(
        new InitiateAuthCommand({ AuthFlow: "CUSTOM_AUTH", ClientId: clientId, AuthParameters: { USERNAME: login } }),
      );
      const answered = await admin.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: "CUSTOM_CHALLENGE",
          ClientId: clientId,
          Session: started.Session,
          ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? login, ANSWER: TEST_ANSWER },
        }),
      );
      const { AccessToken, IdToken, RefreshToken } = answered.AuthenticationResult ?? {};
      if (!AccessToken || !IdToken || !RefreshToken) throw new Error("sign-in issued no tokens");
      return { accessToken: AccessToken, idToken: IdToken, refreshToken: RefreshToken };
    },
    async createUser(email: string): Promise<string> {
      const { User } = await admin.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: email }));
      return User?.Username ?? "";
    },
    async disableUser(username: string): Promise<void> {
      await admin.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
    },
    async close() {
      admin.destroy();
      await emulator.close();
    },
  };
}
