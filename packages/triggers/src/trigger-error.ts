import { errorFields, isLatchkeyError, isServiceOutage, log } from "@latchkey/core";
import { currentInvocation } from "@latchkey/core/telemetry";

/**
 * What a trigger throws to Cognito when it fails: only a stable code. Cognito hands the message on to
 * the browser ("VerifyAuthChallengeResponse failed with error SERVICE_UNAVAILABLE."), and a dependency's
 * own words can name ARNs, tables or paths; those go to the log, with the stack. The invocation's
 * closing line carries the code.
 */
export function triggerError(trigger: string, error: unknown): Error {
  const code = isLatchkeyError(error) ? error.code : isServiceOutage(error) ? "SERVICE_UNAVAILABLE" : "INTERNAL";
  log("error", "trigger failed", { trigger, code, ...errorFields(error) });
  const invocation = currentInvocation();
  if (invocation) invocation.fields.code = code;
  return new Error(code);
}
