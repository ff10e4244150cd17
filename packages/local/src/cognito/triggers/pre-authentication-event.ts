import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject } from "./base-event.ts";

/**
 * InitiateAuth's ClientMetadata reaches this trigger as `validationData`, as AWS documents. It runs
 * only for users that exist, so `userNotFound` never appears.
 */
export function preAuthenticationEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  userAttributes: Record<string, string>,
  validationData: Record<string, string> | undefined,
): PreAuthenticationTriggerEvent {
  return {
    ...baseEvent(ctx, caller, subject, "PreAuthentication_Authentication"),
    request: { userAttributes, validationData },
    response: {},
  };
}
