import type { PostAuthenticationTriggerEvent } from "aws-lambda";
import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { baseEvent, type TriggerSubject, withClientMetadata } from "./base-event.ts";

/** The pool doesn't remember devices, so no sign-in is ever on a "new device". */
export function postAuthenticationEvent(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  userAttributes: Record<string, string>,
  clientMetadata: Record<string, string> | undefined,
): PostAuthenticationTriggerEvent {
  return {
    ...baseEvent(ctx, caller, subject, "PostAuthentication_Authentication"),
    request: { userAttributes, newDeviceUsed: false, ...withClientMetadata(clientMetadata) },
    response: {},
  };
}
