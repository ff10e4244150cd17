import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import type { TriggerDeps } from "./deps.ts";
import { parseSignInMethod } from "./sign-in-method.ts";

/** The input every answer verifier gets: the Cognito username and the raw ANSWER. */
export interface AnswerInput {
  username: string;
  answer: string;
  clientId: string;
  clientMetadata: Record<string, string>;
}

export type AnswerVerifier = (deps: TriggerDeps, input: AnswerInput) => Promise<boolean>;

/**
 * Verifiers are imported on demand so that only a passkey answer pays for loading
 * @simplewebauthn/server; define, create and the email paths stay light.
 */
const verifiers = {
  PASSKEY: async () => (await import("./passkeys/verify-passkey-answer.ts")).verifyPasskeyAnswer,
  MAGIC_LINK: async () => (await import("./magic-links/verify-magic-link-answer.ts")).verifyMagicLinkAnswer,
  EMAIL_CODE: async () => (await import("./magic-links/verify-email-code-answer.ts")).verifyEmailCodeAnswer,
} satisfies Record<string, () => Promise<AnswerVerifier>>;

export async function verifyAuthChallenge(
  deps: TriggerDeps,
  event: VerifyAuthChallengeResponseTriggerEvent,
): Promise<VerifyAuthChallengeResponseTriggerEvent> {
  event.response.answerCorrect = false;
  const clientMetadata = event.request.clientMetadata ?? {};
  const method = parseSignInMethod(clientMetadata.signInMethod);
  const answer = event.request.challengeAnswer;
  if (event.request.userNotFound || !method || typeof answer !== "string" || answer === "") return event;
  const verify = await verifiers[method]();
  event.response.answerCorrect = await verify(deps, {
    username: event.userName,
    answer,
    clientId: event.callerContext.clientId,
    clientMetadata,
  });
  return event;
}
