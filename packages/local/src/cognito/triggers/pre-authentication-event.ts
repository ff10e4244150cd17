import type { PreAuthenticationTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject, withUserNotFound } from "./base-event.ts";

/**
 * InitiateAuth's ClientMetadata reaches this trigger as `validationData`, as AWS documents. With
 * PreventUserExistenceErrors ENABLED it runs for unknown users too, flagged `userNotFound`.
 */
export function preAuthenticationEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  userAttributes: Record<string, string>,
  validationData: Record<string, string> | undefined,
  userNotFound: boolean,
): PreAuthenticationTriggerEvent {
  return {
    ...baseEvent(ctx, caller, subject, "PreAuthentication_Authentication"),
    request: {
      userAttributes,
      ...(validationData !== undefined && { validationData }),
      ...withUserNotFound(userNotFound),
    },
    response: {},
  };
}
