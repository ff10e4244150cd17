import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import type { ClaimsOverride } from "../tokens/claims-override.ts";
import type { TriggerSubject } from "../triggers/base-event.ts";
import { invokeTrigger, unrecognizableLambdaOutput } from "../triggers/invoke-trigger.ts";
import { preTokenGenerationEvent } from "../triggers/pre-token-generation-event.ts";
import { readStringMap } from "../triggers/read-string-map.ts";
import { triggerUserAttributes } from "../users/trigger-user-attributes.ts";
import type { UserRecord } from "../users/user-record.ts";

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/** Runs the pre token generation trigger, if any, and returns its ID-token claim changes. */
export async function runPreTokenGeneration(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  user: UserRecord,
  triggerSource: "TokenGeneration_Authentication" | "TokenGeneration_RefreshTokens",
  clientMetadata: Record<string, string> | undefined,
): Promise<ClaimsOverride | undefined> {
  const trigger = ctx.triggers.preTokenGeneration;
  if (trigger === undefined) return undefined;
  const userAttributes = triggerUserAttributes(user);
  const event = preTokenGenerationEvent(ctx, caller, subject, triggerSource, userAttributes, clientMetadata);
  const response = await invokeTrigger(ctx, "PreTokenGeneration", trigger, event);
  // Lambda output is untyped JSON: a trigger may have returned null or junk here.
  const details: unknown = response.claimsOverrideDetails;
  if (details === undefined || details === null) return undefined;
  if (typeof details !== "object") throw unrecognizableLambdaOutput();
  const { claimsToAddOrOverride, claimsToSuppress } = details as Record<string, unknown>;
  if (claimsToSuppress !== undefined && claimsToSuppress !== null && !isStringList(claimsToSuppress)) {
    throw unrecognizableLambdaOutput();
  }
  return { claimsToAddOrOverride: readStringMap(claimsToAddOrOverride), claimsToSuppress: claimsToSuppress ?? [] };
}
