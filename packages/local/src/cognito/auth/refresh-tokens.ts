import type { CallerInfo } from "../caller.ts";
import { notAuthorized, userNotFound } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { mintTokens } from "../tokens/mint-tokens.ts";
import { runPreTokenGeneration } from "./run-pre-token-generation.ts";

/**
 * REFRESH_TOKEN_AUTH: new ID and access tokens in the same family (same origin_jti and auth_time),
 * and no new refresh token. InitiateAuth's ClientMetadata doesn't reach pre token generation.
 */
export async function refreshTokens(ctx: PoolContext, caller: CallerInfo, clientId: string, refreshToken: string) {
  const family = ctx.tokens.byRefreshToken(refreshToken);
  if (family === undefined || family.clientId !== clientId) throw notAuthorized("Invalid Refresh Token");
  if (family.revoked) throw notAuthorized("Refresh Token has been revoked");
  if (family.refreshExpiresAt <= ctx.now()) throw notAuthorized("Refresh Token has expired");
  const user = ctx.users.get(family.username);
  if (user === undefined) throw userNotFound();
  if (!user.enabled) throw notAuthorized("User is disabled.");
  const subject = { clientId, userName: user.username };
  const override = await runPreTokenGeneration(ctx, caller, subject, user, "TokenGeneration_RefreshTokens", undefined);
  return { ChallengeParameters: {}, AuthenticationResult: mintTokens(ctx, user, family, override) };
}
