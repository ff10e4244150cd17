import type { SignInClientMetadata, SignInMethod } from "@latchkey/protocol";
import { inPhase } from "./auth-state.ts";
import { cognitoCall } from "./cognito.ts";
import { getConfig } from "./config.ts";
import { LatchkeyClientError } from "./errors.ts";
import { storeTokens, type Tokens, tokensFromResult } from "./tokens.ts";

interface AuthResponse {
  Session?: string;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };
}

/**
 * Cognito CUSTOM_AUTH in two round trips: InitiateAuth opens the challenge, RespondToAuthChallenge
 * carries the answer and names the method in ClientMetadata (Cognito passes only the second call's
 * metadata to the triggers). Stores and returns the tokens.
 */
export async function signInWithAnswer(input: {
  username: string;
  signInMethod: SignInMethod;
  answer: string;
  clientMetadata?: Record<string, string>;
}): Promise<Tokens> {
  return inPhase("signing-in", () => answerChallenge(input));
}

async function answerChallenge(input: Parameters<typeof signInWithAnswer>[0]): Promise<Tokens> {
  const { clientId } = getConfig();
  const started = await cognitoCall<AuthResponse>("InitiateAuth", {
    AuthFlow: "CUSTOM_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: input.username },
  });
  const answered = await cognitoCall<AuthResponse>("RespondToAuthChallenge", {
    ChallengeName: "CUSTOM_CHALLENGE",
    ClientId: clientId,
    Session: started.Session,
    ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? input.username, ANSWER: input.answer },
    ClientMetadata: { ...input.clientMetadata, signInMethod: input.signInMethod } satisfies SignInClientMetadata,
  });
  if (!answered.AuthenticationResult) {
    throw new LatchkeyClientError("SIGN_IN_FAILED", "Sign-in was not completed.");
  }
  const tokens = tokensFromResult(answered.AuthenticationResult);
  storeTokens(tokens);
  return tokens;
}
