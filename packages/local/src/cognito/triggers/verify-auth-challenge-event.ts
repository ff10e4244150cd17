import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, withClientMetadata, withUserNotFound } from "./base-event.ts";
import type { CustomAuthTriggerInput } from "./define-auth-challenge-event.ts";

export function verifyAuthChallengeEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  input: CustomAuthTriggerInput,
  privateChallengeParameters: Record<string, string>,
  challengeAnswer: string,
): VerifyAuthChallengeResponseTriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, "VerifyAuthChallengeResponse_Authentication"),
    request: {
      userAttributes: input.userAttributes,
      privateChallengeParameters,
      challengeAnswer,
      ...withClientMetadata(input.clientMetadata),
      ...withUserNotFound(input.userNotFound),
    },
    response: { answerCorrect: false },
  };
}
