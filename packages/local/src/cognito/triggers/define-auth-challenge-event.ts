import type { DefineAuthChallengeTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject, withClientMetadata, withUserNotFound } from "./base-event.ts";

/** One entry of the `session` array the challenge triggers get: a challenge and how it went. */
export type ChallengeResultEntry = DefineAuthChallengeTriggerEvent["request"]["session"][number];

export interface CustomAuthTriggerInput {
  subject: TriggerSubject;
  userAttributes: Record<string, string>;
  userNotFound: boolean;
  /** RespondToAuthChallenge's ClientMetadata; InitiateAuth's never reaches the challenge triggers. */
  clientMetadata: Record<string, string> | undefined;
}

/** Cognito sends the response fields unset (null); false is the typed equivalent. */
export function defineAuthChallengeEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  input: CustomAuthTriggerInput,
  session: ChallengeResultEntry[],
): DefineAuthChallengeTriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, "DefineAuthChallenge_Authentication"),
    request: {
      userAttributes: input.userAttributes,
      session,
      ...withClientMetadata(input.clientMetadata),
      ...withUserNotFound(input.userNotFound),
    },
    response: { challengeName: undefined, issueTokens: false, failAuthentication: false },
  };
}
