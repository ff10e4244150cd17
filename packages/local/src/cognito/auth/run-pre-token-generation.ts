import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import type { TokenOverrides } from "../tokens/claims-override.ts";
import type { TriggerSubject } from "../triggers/base-event.ts";
import { invokeTrigger, unrecognizableLambdaOutput } from "../triggers/invoke-trigger.ts";
import {
  type PreTokenSource,
  preTokenGenerationEvent,
  preTokenGenerationV2Event,
} from "../triggers/pre-token-generation-event.ts";
import { readStringMap } from "../triggers/read-string-map.ts";
import { triggerUserAttributes } from "../users/trigger-user-attributes.ts";
import type { UserRecord } from "../users/user-record.ts";

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** An optional list from a trigger's response; null counts as absent, anything but strings is junk. */
function readList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!isStringList(value)) throw unrecognizableLambdaOutput();
  return value;
}

/** An optional object from a trigger's response (Lambda output is untyped JSON); null counts as absent. */
function readObject(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw unrecognizableLambdaOutput();
  return value as Record<string, unknown>;
}

function claimChanges(details: Record<string, unknown> | undefined) {
  if (details === undefined) return undefined;
  return {
    claimsToAddOrOverride: readStringMap(details.claimsToAddOrOverride),
    claimsToSuppress: readList(details.claimsToSuppress),
  };
}

/**
 * Runs the pool's pre token generation trigger, if any, and returns its changes to the tokens: a V1_0
 * trigger's to the ID token, a V2_0 trigger's to the ID and the access token (claims and scopes).
 */
export async function runPreTokenGeneration(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  user: UserRecord,
  triggerSource: PreTokenSource,
  clientMetadata: Record<string, string> | undefined,
): Promise<TokenOverrides> {
  const { preTokenGeneration, preTokenGenerationV2 } = ctx.triggers;
  const input = { subject, triggerSource, userAttributes: triggerUserAttributes(user), clientMetadata };
  if (preTokenGeneration !== undefined) {
    const event = preTokenGenerationEvent(ctx, caller, input);
    const response = await invokeTrigger(ctx, "PreTokenGeneration", preTokenGeneration, event);
    return { id: claimChanges(readObject(response.claimsOverrideDetails)) };
  }
  if (preTokenGenerationV2 !== undefined) {
    const event = preTokenGenerationV2Event(ctx, caller, input);
    const response = await invokeTrigger(ctx, "PreTokenGeneration", preTokenGenerationV2, event);
    const details = readObject(response.claimsAndScopeOverrideDetails);
    const access = readObject(details?.accessTokenGeneration);
    return {
      id: claimChanges(readObject(details?.idTokenGeneration)),
      access: access && {
        ...claimChanges(access),
        scopesToAdd: readList(access.scopesToAdd),
        scopesToSuppress: readList(access.scopesToSuppress),
      },
    };
  }
  return {};
}
