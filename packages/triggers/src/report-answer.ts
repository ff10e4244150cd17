import { emitAuditEvent } from "@latchkey/core/audit";
import { currentInvocation, recordMetric } from "@latchkey/core/telemetry";
import { type SignInMethod, STEP_UP_ACTION_PATTERN } from "@latchkey/protocol";
import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import type { TriggerDeps } from "./deps.ts";
import type { AnswerCheck } from "./verify-auth-challenge.ts";

/**
 * Tells what became of an answer: the invocation's line (the method, and a refusal's reason), the
 * metrics (SignInSucceeded or SignInRefused), and the audit event, which is StepUpSucceeded for a
 * sign-in whose ClientMetadata binds it to an action (as the pre token generation trigger will) and
 * SignInSucceeded otherwise. A refused answer's event names the account only if Cognito found one:
 * the name of an unknown user is whatever was typed, an address perhaps.
 */
export function reportAnswer(
  deps: Pick<TriggerDeps, "auditEvents">,
  event: VerifyAuthChallengeResponseTriggerEvent,
  method: SignInMethod | undefined,
  result: AnswerCheck,
): void {
  const invocation = currentInvocation();
  const { clientId } = event.callerContext;
  if (invocation && method) invocation.fields.method = method;
  if (!result.ok) {
    if (invocation) {
      invocation.outcome = "refused";
      invocation.reason = result.reason;
    }
    recordMetric("SignInRefused", { Method: method, Reason: result.reason });
    emitAuditEvent(deps.auditEvents, "SignInRefused", {
      ...(method && { method }),
      reason: result.reason,
      clientId,
      ...(event.request.userNotFound !== true && { username: event.userName }),
    });
    return;
  }
  // A right answer always named its method (check refuses one that names none).
  if (!method) return;
  recordMetric("SignInSucceeded", { Method: method });
  const username = event.userName;
  const credential = result.credentialId === undefined ? {} : { credentialId: result.credentialId };
  const action = event.request.clientMetadata?.stepUpAction;
  if (action !== undefined && STEP_UP_ACTION_PATTERN.test(action)) {
    emitAuditEvent(deps.auditEvents, "StepUpSucceeded", { username, method, clientId, action, ...credential });
  } else {
    emitAuditEvent(deps.auditEvents, "SignInSucceeded", { username, method, clientId, ...credential });
  }
}
