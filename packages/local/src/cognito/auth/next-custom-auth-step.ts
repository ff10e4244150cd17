import type { CallerInfo } from "../caller.ts";
import { incorrectCredentials } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { createAuthChallengeEvent } from "../triggers/create-auth-challenge-event.ts";
import { defineAuthChallengeEvent } from "../triggers/define-auth-challenge-event.ts";
import { invokeTrigger, unrecognizableLambdaOutput } from "../triggers/invoke-trigger.ts";
import { readStringMap } from "../triggers/read-string-map.ts";
import { type CustomAuthFlow, customAuthInput, customAuthNotConfigured } from "./custom-auth-input.ts";
import { issueSignInTokens } from "./issue-sign-in-tokens.ts";

/**
 * One turn of Cognito's custom-auth loop: Define decides; then tokens, failure, or Create makes the
 * next challenge, handed out under a new single-use Session.
 */
export async function nextCustomAuthStep(
  ctx: PoolContext,
  caller: CallerInfo,
  flow: CustomAuthFlow,
  clientMetadata: Record<string, string> | undefined,
) {
  const { user, input } = customAuthInput(ctx, flow, clientMetadata);
  const define = ctx.triggers.defineAuthChallenge;
  if (define === undefined) throw customAuthNotConfigured();
  const decision = await invokeTrigger(
    ctx,
    "DefineAuthChallenge",
    define,
    defineAuthChallengeEvent(ctx, caller, input, flow.history),
  );
  if (decision.failAuthentication === true) throw incorrectCredentials();
  if (decision.issueTokens === true) {
    // An unknown user never gets tokens, whatever Define says: it fails like a wrong answer.
    if (user === undefined) throw incorrectCredentials();
    const tokens = await issueSignInTokens(ctx, caller, flow.clientId, user, clientMetadata);
    return { ChallengeParameters: {}, AuthenticationResult: tokens };
  }
  // Only custom challenges exist in a pool without passwords.
  if (decision.challengeName !== "CUSTOM_CHALLENGE") throw unrecognizableLambdaOutput();
  const create = ctx.triggers.createAuthChallenge;
  if (create === undefined) throw customAuthNotConfigured();
  const challenge = await invokeTrigger(
    ctx,
    "CreateAuthChallenge",
    create,
    createAuthChallengeEvent(ctx, caller, input, decision.challengeName, flow.history),
  );
  const publicParameters = readStringMap(challenge.publicChallengeParameters);
  const metadata = challenge.challengeMetadata;
  const session = ctx.sessions.open(
    {
      ...flow,
      privateChallengeParameters: readStringMap(challenge.privateChallengeParameters),
      challengeMetadata: typeof metadata === "string" && metadata !== "" ? metadata : undefined,
      expiresAt: ctx.now() + ctx.sessionTtlMs,
    },
    ctx.now(),
  );
  return {
    ChallengeName: "CUSTOM_CHALLENGE",
    Session: session,
    ChallengeParameters: { ...publicParameters, USERNAME: flow.userName },
  };
}
