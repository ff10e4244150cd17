import type { CreateAuthChallengeTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, withClientMetadata, withUserNotFound } from "./base-event.ts";
import type { ChallengeResultEntry, CustomAuthTriggerInput } from "./define-auth-challenge-event.ts";

export function createAuthChallengeEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  input: CustomAuthTriggerInput,
  challengeName: string,
  session: ChallengeResultEntry[],
): CreateAuthChallengeTriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, "CreateAuthChallenge_Authentication"),
    request: {
      userAttributes: input.userAttributes,
      challengeName,
      session,
      ...withClientMetadata(input.clientMetadata),
      ...withUserNotFound(input.userNotFound),
    },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: "" },
  };
}
