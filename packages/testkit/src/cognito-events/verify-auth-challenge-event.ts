import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import { testEmailOf } from "../magic-links/issue-test-link.ts";
import recorded from "./verify-auth-challenge-response.json" with { type: "json" };

export interface VerifyAnswer {
  username: string;
  answer: string;
  signInMethod: string;
  /** The app client the answer came through; the test pool's first by default. */
  clientId?: string;
  userNotFound?: boolean;
  /** The account's verified email at this sign-in; where issueTestLink mails the user by default. */
  email?: string;
}

/** A fresh copy of the recorded VerifyAuthChallengeResponse event, for this user and answer. */
export function verifyAuthChallengeEvent(input: VerifyAnswer): VerifyAuthChallengeResponseTriggerEvent {
  const event = structuredClone(recorded) as unknown as VerifyAuthChallengeResponseTriggerEvent;
  event.userName = input.username;
  event.request.userAttributes.sub = input.username;
  event.request.userAttributes.email = input.email ?? testEmailOf(input.username);
  event.request.challengeAnswer = input.answer;
  event.request.clientMetadata = { signInMethod: input.signInMethod };
  event.request.userNotFound = input.userNotFound ?? false;
  if (input.clientId) event.callerContext.clientId = input.clientId;
  return event;
}
