import type {
  PreTokenGenerationAuthenticationTriggerEvent,
  PreTokenGenerationAuthenticationV2TriggerEvent,
  PreTokenGenerationRefreshTokensTriggerEvent,
  PreTokenGenerationRefreshTokensV2TriggerEvent,
} from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { ACCESS_TOKEN_SCOPE } from "../tokens/token-claims.ts";
import { baseEvent, type TriggerSubject, withClientMetadata } from "./base-event.ts";

export type PreTokenSource = "TokenGeneration_Authentication" | "TokenGeneration_RefreshTokens";

export interface PreTokenInput {
  subject: TriggerSubject;
  triggerSource: PreTokenSource;
  userAttributes: Record<string, string>;
  clientMetadata: Record<string, string> | undefined;
}

const noGroups = { groupsToOverride: [], iamRolesToOverride: [], preferredRole: undefined };

/** The V1 event: claimsOverrideDetails changes the ID token. The pool has no groups. */
export function preTokenGenerationEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  input: PreTokenInput,
): PreTokenGenerationAuthenticationTriggerEvent | PreTokenGenerationRefreshTokensTriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, input.triggerSource),
    request: {
      userAttributes: input.userAttributes,
      groupConfiguration: noGroups,
      ...withClientMetadata(input.clientMetadata),
    },
    response: { claimsOverrideDetails: {} },
  };
}

/**
 * The V2 event: version "2", the access token's scopes in the request, and claimsAndScopeOverrideDetails
 * in the response, which changes the ID token (idTokenGeneration) and the access token
 * (accessTokenGeneration).
 */
export function preTokenGenerationV2Event(
  ctx: PoolContext,
  caller: CallerInfo,
  input: PreTokenInput,
): PreTokenGenerationAuthenticationV2TriggerEvent | PreTokenGenerationRefreshTokensV2TriggerEvent {
  return {
    ...baseEvent(ctx, caller, input.subject, input.triggerSource),
    version: "2",
    request: {
      userAttributes: input.userAttributes,
      groupConfiguration: noGroups,
      scopes: [ACCESS_TOKEN_SCOPE],
      ...withClientMetadata(input.clientMetadata),
    },
    response: { claimsAndScopeOverrideDetails: {} },
  };
}
