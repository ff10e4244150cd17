import {
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";

/** One sign-in attempt: InitiateAuth for `login`, then (unless `answer` is absent) one answer. */
export interface Attempt {
  login: string;
  answer?: string;
  /** RespondToAuthChallenge's ClientMetadata; undefined sends none. */
  clientMetadata?: Record<string, string>;
  /** What the answer names instead of the Session's user, and instead of its Session and challenge. */
  username?: (real: string) => string;
  session?: (real: string) => string;
  challengeName?: string;
}

/** How far an attempt got and what Cognito said: tokens, a challenge, or an error by name. */
export interface AttemptOutcome {
  step: "initiate" | "respond";
  tokens: boolean;
  challenge?: string;
  error?: { name: string; message: string; status: number | undefined };
}

/** Errors that mean a trigger or the emulator broke, not that the answer was refused. */
const BROKEN = [
  "UserLambdaValidationException",
  "InvalidLambdaResponseException",
  "UnexpectedLambdaException",
  "InternalErrorException",
];

/** What is wrong with an outcome whatever was sent: no trigger crash, no 5xx. */
export function brokenOutcome(outcome: AttemptOutcome): string | undefined {
  const { error } = outcome;
  if (!error) return undefined;
  if (BROKEN.includes(error.name)) return `${error.name}: ${error.message}`;
  if ((error.status ?? 0) >= 500) return `status ${error.status}: ${error.name}`;
  return undefined;
}

function failed(step: AttemptOutcome["step"], error: unknown): AttemptOutcome {
  const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
  return { step, tokens: false, error: { name, message, status: $metadata?.httpStatusCode } };
}

export async function attemptSignIn(
  cognito: CognitoIdentityProviderClient,
  clientId: string,
  attempt: Attempt,
): Promise<AttemptOutcome> {
  let started: InitiateAuthCommandOutput;
  try {
    started = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "CUSTOM_AUTH",
        ClientId: clientId,
        AuthParameters: { USERNAME: attempt.login },
      }),
    );
  } catch (error) {
    return failed("initiate", error);
  }
  if (started.AuthenticationResult || attempt.answer === undefined) {
    return { step: "initiate", tokens: started.AuthenticationResult !== undefined, challenge: started.ChallengeName };
  }
  const username = started.ChallengeParameters?.USERNAME ?? attempt.login;
  try {
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: (attempt.challengeName ?? "CUSTOM_CHALLENGE") as "CUSTOM_CHALLENGE",
        ClientId: clientId,
        Session: attempt.session ? attempt.session(started.Session ?? "") : started.Session,
        ChallengeResponses: {
          USERNAME: attempt.username ? attempt.username(username) : username,
          ANSWER: attempt.answer,
        },
        ...(attempt.clientMetadata && { ClientMetadata: attempt.clientMetadata }),
      }),
    );
    return { step: "respond", tokens: answered.AuthenticationResult !== undefined, challenge: answered.ChallengeName };
  } catch (error) {
    return failed("respond", error);
  }
}
