import {
  AdminGetUserCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { LocalStack } from "@latchkey/local";

/** A Cognito client on the stack's emulator, as a browser's SDK would be, with no retries. */
export function cognitoClient(stack: Pick<LocalStack, "region" | "urls">): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.urls.cognito,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

export type SignInOutcome = { username: string; tokens: AuthenticationResultType } | { error: string };

/** What Cognito answers to every refused custom-auth answer. */
export const REFUSED = { error: "NotAuthorizedException: Incorrect username or password." };

/** A Cognito call's error as the tests compare it: "Name: message". */
export const describeError = (error: unknown) => ({ error: `${(error as Error).name}: ${(error as Error).message}` });

/**
 * One whole CUSTOM_AUTH sign-in, in its own session, as the browser makes it: InitiateAuth for `login`
 * (email or username), then `answer` with the sign-in method in ClientMetadata. The real username and the
 * tokens, or the error.
 */
export async function customAuthSignIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  input: { login: string; signInMethod: string; answer: string; clientMetadata?: Record<string, string> },
): Promise<SignInOutcome> {
  try {
    const started = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "CUSTOM_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: input.login },
      }),
    );
    const username = started.ChallengeParameters?.USERNAME ?? input.login;
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: "CUSTOM_CHALLENGE",
        ClientId: clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, ANSWER: input.answer },
        ClientMetadata: { ...input.clientMetadata, signInMethod: input.signInMethod },
      }),
    );
    const tokens = answered.AuthenticationResult;
    return tokens ? { username, tokens } : { error: `no tokens: ${answered.ChallengeName}` };
  } catch (error) {
    return describeError(error);
  }
}

/** The email attribute the pool holds for `username` now, as Cognito hands it to the triggers. */
export async function poolEmailOf(stack: Pick<LocalStack, "clients" | "userPoolId">, username: string) {
  const user = await stack.clients.cognito.send(
    new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: username }),
  );
  return user.UserAttributes?.find((attribute) => attribute.Name === "email")?.Value;
}
