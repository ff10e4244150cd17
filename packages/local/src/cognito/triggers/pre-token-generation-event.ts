import type {
  PreTokenGenerationAuthenticationTriggerEvent,
  PreTokenGenerationRefreshTokensTriggerEvent,
} from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject, withClientMetadata } from "./base-event.ts";

type Source = "TokenGeneration_Authentication" | "TokenGeneration_RefreshTokens";

/** The V1 event: claimsOverrideDetails changes the ID token. The pool has no groups. */
export function preTokenGenerationEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  triggerSource: Source,
  userAttributes: Record<string, string>,
  clientMetadata: Record<string, string> | undefined,
): PreTokenGenerationAuthenticationTriggerEvent | PreTokenGenerationRefreshTokensTriggerEvent {
  return {
    ...baseEvent(ctx, caller, subject, triggerSource),
    request: {
      userAttributes,
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: undefined },
      ...withClientMetadata(clientMetadata),
    },
    response: { claimsOverrideDetails: {} },
  };
}
