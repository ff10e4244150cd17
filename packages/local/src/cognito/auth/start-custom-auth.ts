import type { CallerInfo } from "../caller.ts";
import { missingParameter, notAuthorized } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { invokeTrigger } from "../triggers/invoke-trigger.ts";
import { preAuthenticationEvent } from "../triggers/pre-authentication-event.ts";
import { triggerUserAttributes } from "../users/trigger-user-attributes.ts";
import { customAuthNotConfigured } from "./custom-auth-input.ts";
import { nextCustomAuthStep } from "./next-custom-auth-step.ts";

/**
 * InitiateAuth with CUSTOM_AUTH. An unknown user is not an error (PreventUserExistenceErrors): the
 * triggers, PreAuthentication included, run with userNotFound, and the sign-in fails only where a
 * wrong answer would.
 * InitiateAuth's ClientMetadata goes to PreAuthentication alone, never to the challenge triggers.
 */
export async function startCustomAuth(
  ctx: PoolContext,
  caller: CallerInfo,
  clientId: string,
  username: string | undefined,
  clientMetadata: Record<string, string> | undefined,
) {
  if (username === undefined || username === "") throw missingParameter("USERNAME");
  if (ctx.triggers.defineAuthChallenge === undefined) throw customAuthNotConfigured();
  const user = ctx.users.find(username);
  if (user !== undefined && !user.enabled) throw notAuthorized("User is disabled.");
  const userName = user?.username ?? username;
  const preAuthentication = ctx.triggers.preAuthentication;
  if (preAuthentication !== undefined) {
    const attributes = user ? triggerUserAttributes(user) : {};
    const event = preAuthenticationEvent(ctx, caller, { clientId, userName }, attributes, clientMetadata, !user);
    await invokeTrigger(ctx, "PreAuthentication", preAuthentication, event);
  }
  const flow = { clientId, userName, userNotFound: user === undefined, history: [] };
  return nextCustomAuthStep(ctx, caller, flow, undefined);
}
