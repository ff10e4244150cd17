import type { SignInClientMetadata, SignInMethod } from "@latchkey/protocol";
import { cognitoCall } from "./cognito.ts";
import { LatchkeyClientError } from "./errors.ts";
import { afterSignIn } from "./passkeys/after-sign-in.ts";
import type { ResolvedConfig } from "./session/config.ts";
import { defaultSession } from "./session/default-session.ts";
import { recordSignInMethod } from "./session/sign-in-method.ts";
import { type Tokens, tokensFromResult } from "./session/tokens.ts";

interface AuthResponse {
  Session?: string;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number };
}

/**
 * Cognito CUSTOM_AUTH in two round trips: InitiateAuth opens the challenge, RespondToAuthChallenge
 * carries the answer and names the method in ClientMetadata (Cognito passes only the second call's
 * metadata to the triggers). Stores and returns the tokens; what follows a sign-in (passkey signals, a
 * passkey upgrade) runs after, in the background.
 */
export async function signInWithAnswer(input: {
  username: string;
  signInMethod: SignInMethod;
  answer: string;
  clientMetadata?: Record<string, string>;
}): Promise<Tokens> {
  const session = defaultSession();
  const tokens = await session.signIn(async () => {
    const tokens = await answerChallenge(session.config, input);
    // Before the tokens are stored, so the state they publish already tells how this sign-in went.
    recordSignInMethod(session.config, tokens.idToken, input.signInMethod);
    return tokens;
  });
  void afterSignIn(session.config, input.signInMethod);
  return tokens;
}

/** The two CUSTOM_AUTH calls, for the tokens; nothing is stored. */
export async function answerChallenge(
  { clientId, cognitoEndpoint }: ResolvedConfig,
  input: Parameters<typeof signInWithAnswer>[0],
): Promise<Tokens> {
  const started = await cognitoCall<AuthResponse>(cognitoEndpoint, "InitiateAuth", {
    AuthFlow: "CUSTOM_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: input.username },
  });
  const answered = await cognitoCall<AuthResponse>(cognitoEndpoint, "RespondToAuthChallenge", {
    ChallengeName: "CUSTOM_CHALLENGE",
    ClientId: clientId,
    Session: started.Session,
    ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? input.username, ANSWER: input.answer },
    ClientMetadata: { ...input.clientMetadata, signInMethod: input.signInMethod } satisfies SignInClientMetadata,
  });
  if (!answered.AuthenticationResult) {
    throw new LatchkeyClientError("SIGN_IN_FAILED", "Sign-in was not completed.");
  }
  return tokensFromResult(answered.AuthenticationResult);
}
