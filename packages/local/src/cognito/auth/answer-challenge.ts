import type { CallerInfo } from "../caller.ts";
import { missingParameter, notAuthorized } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { invokeTrigger } from "../triggers/invoke-trigger.ts";
import { verifyAuthChallengeEvent } from "../triggers/verify-auth-challenge-event.ts";
import { customAuthInput, customAuthNotConfigured } from "./custom-auth-input.ts";
import { nextCustomAuthStep } from "./next-custom-auth-step.ts";
import type { AuthSession } from "./session-store.ts";

/** The client may name the user by username or email, but it must be the user the Session is for. */
function namesSessionUser(ctx: PoolContext, session: AuthSession, claimed: string): boolean {
  if (session.userNotFound) return claimed.toLowerCase() === session.userName.toLowerCase();
  return ctx.users.find(claimed)?.username === session.userName;
}

/**
 * RespondToAuthChallenge with CUSTOM_CHALLENGE: the Session is used up first, then Verify judges the
 * answer and its result joins the history that Define sees next.
 */
export async function answerChallenge(
  ctx: PoolContext,
  caller: CallerInfo,
  clientId: string,
  sessionId: string,
  responses: Record<string, string>,
  clientMetadata: Record<string, string> | undefined,
) {
  const claimed = responses.USERNAME;
  const answer = responses.ANSWER;
  if (claimed === undefined) throw missingParameter("USERNAME");
  if (answer === undefined) throw missingParameter("ANSWER");
  const session = ctx.sessions.take(sessionId, clientId, ctx.now());
  if (!namesSessionUser(ctx, session, claimed)) throw notAuthorized("Invalid session for the user.");
  const verify = ctx.triggers.verifyAuthChallengeResponse;
  if (verify === undefined) throw customAuthNotConfigured();
  const { input } = customAuthInput(ctx, session, clientMetadata);
  const verdict = await invokeTrigger(
    ctx,
    "VerifyAuthChallengeResponse",
    verify,
    verifyAuthChallengeEvent(ctx, caller, input, session.privateChallengeParameters, answer),
  );
  const result = {
    challengeName: "CUSTOM_CHALLENGE" as const,
    challengeResult: verdict.answerCorrect === true,
    challengeMetadata: session.challengeMetadata,
  };
  const flow = {
    clientId,
    userName: session.userName,
    userNotFound: session.userNotFound,
    history: [...session.history, result],
  };
  return nextCustomAuthStep(ctx, caller, flow, clientMetadata);
}
