import type { CreateAuthChallengeTriggerEvent } from "aws-lambda";
import { signInMethods } from "./sign-in-method.ts";

/**
 * Cognito does not pass InitiateAuth's ClientMetadata to this trigger, so the challenge cannot depend
 * on the sign-in method: it only announces the methods. Every secret the answer is checked against was
 * issued by the api (a signed passkey challenge, a magic link, an email code) and lives in DynamoDB.
 */
export function createAuthChallenge(event: CreateAuthChallengeTriggerEvent): CreateAuthChallengeTriggerEvent {
  event.response.publicChallengeParameters = { signInMethods: signInMethods.join(",") };
  event.response.privateChallengeParameters = {};
  event.response.challengeMetadata = "LATCHKEY";
  return event;
}
