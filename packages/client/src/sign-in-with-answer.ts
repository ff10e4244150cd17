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

/** A CUSTOM_AUTH challenge InitiateAuth opened for a username, before its answer is known. */
export type OpenedChallenge = Promise<AuthResponse>;

/**
 * Opens the challenge for `username` now (InitiateAuth), for an answer that comes later: a sign-in
 * whose answer takes a round trip of its own to make (passkey options for a typed name) opens it
 * meanwhile. A refusal surfaces only when the answer is sent.
 */
export function openChallenge(config: ResolvedConfig, username: string): OpenedChallenge {
  const opened = initiateAuth(config, username);
  opened.catch(() => {});
  return opened;
}

const initiateAuth = ({ clientId, cognitoEndpoint }: ResolvedConfig, username: string) =>
  cognitoCall<AuthResponse>(cognitoEndpoint, "InitiateAuth", {
    AuthFlow: "CUSTOM_AUTH",
    ClientId: clientId,
    AuthParameters: { USERNAME: username },
  });

interface AnswerInput {
  username: string;
  signInMethod: SignInMethod;
  answer: string;
  clientMetadata?: Record<string, string>;
  /** The challenge openChallenge opened for `username`; one is opened now when absent or expired. */
  opened?: OpenedChallenge;
}

/**
 * Cognito CUSTOM_AUTH in two round trips: InitiateAuth opens the challenge, RespondToAuthChallenge
 * carries the answer and names the method in ClientMetadata (Cognito passes only the second call's
 * metadata to the triggers). Stores and returns the tokens; what follows a sign-in (passkey signals, a
 * passkey upgrade) runs after, in the background.
 */
export async function signInWithAnswer(input: AnswerInput): Promise<Tokens> {
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

/**
 * The two CUSTOM_AUTH calls, for the tokens; nothing is stored. A challenge opened beforehand that
 * Cognito no longer takes (its session lasts 3 minutes, a person may take longer) is opened again once.
 */
export async function answerChallenge(config: ResolvedConfig, input: AnswerInput): Promise<Tokens> {
  if (!input.opened) return respond(config, input, await initiateAuth(config, input.username));
  try {
    return await respond(config, input, await input.opened);
  } catch (error) {
    if (!(error instanceof LatchkeyClientError && error.code === "SESSION_EXPIRED")) throw error;
    return respond(config, input, await initiateAuth(config, input.username));
  }
}

async function respond(
  { clientId, cognitoEndpoint }: ResolvedConfig,
  input: AnswerInput,
  started: AuthResponse,
): Promise<Tokens> {
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
