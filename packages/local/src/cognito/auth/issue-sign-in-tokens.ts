import type { CallerInfo } from "../caller.ts";
import { CognitoError } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { mintTokens } from "../tokens/mint-tokens.ts";
import { invokeTrigger } from "../triggers/invoke-trigger.ts";
import { postAuthenticationEvent } from "../triggers/post-authentication-event.ts";
import { triggerUserAttributes } from "../users/trigger-user-attributes.ts";
import type { UserRecord } from "../users/user-record.ts";
import { runPreTokenGeneration } from "./run-pre-token-generation.ts";

/**
 * The end of a successful sign-in: post authentication (which can still fail it), pre token
 * generation, then a new token family. Both triggers get RespondToAuthChallenge's ClientMetadata.
 */
export async function issueSignInTokens(
  ctx: PoolContext,
  caller: CallerInfo,
  clientId: string,
  user: UserRecord,
  clientMetadata: Record<string, string> | undefined,
) {
  if (user.status === "UNCONFIRMED") throw new CognitoError("UserNotConfirmedException", "User is not confirmed.");
  const subject = { clientId, userName: user.username };
  const postAuthentication = ctx.triggers.postAuthentication;
  if (postAuthentication !== undefined) {
    const event = postAuthenticationEvent(ctx, caller, subject, triggerUserAttributes(user), clientMetadata);
    await invokeTrigger(ctx, "PostAuthentication", postAuthentication, event);
  }
  const source = "TokenGeneration_Authentication";
  const override = await runPreTokenGeneration(ctx, caller, subject, user, source, clientMetadata);
  const { family, refreshToken } = ctx.tokens.create(user.username, clientId, ctx.now());
  return { ...mintTokens(ctx, user, family, override), RefreshToken: refreshToken };
}
