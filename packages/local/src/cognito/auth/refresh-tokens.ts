import type { CallerInfo } from "../caller.ts";
import { notAuthorized, userNotFound } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { mintTokens } from "../tokens/mint-tokens.ts";
import { runPreTokenGeneration } from "./run-pre-token-generation.ts";

/**
 * A refresh, by InitiateAuth REFRESH_TOKEN_AUTH or GetTokensFromRefreshToken: new ID and access tokens
 * in the same family (same origin_jti and auth_time). The pool's clients don't rotate refresh tokens,
 * so there is no new refresh token. Only GetTokensFromRefreshToken's ClientMetadata reaches pre token
 * generation; InitiateAuth's goes nowhere.
 */
export async function refreshTokens(
  ctx: PoolContext,
  caller: CallerInfo,
  clientId: string,
  refreshToken: string,
  clientMetadata: Record<string, string> | undefined,
) {
  const family = ctx.tokens.byRefreshToken(refreshToken);
  if (family === undefined || family.clientId !== clientId) throw notAuthorized("Invalid Refresh Token");
  if (family.revoked) throw notAuthorized("Refresh Token has been revoked");
  if (family.refreshExpiresAt <= ctx.now()) throw notAuthorized("Refresh Token has expired");
  const user = ctx.users.get(family.username);
  if (user === undefined) throw userNotFound();
  if (!user.enabled) throw notAuthorized("User is disabled.");
  const subject = { clientId, userName: user.username };
  const source = "TokenGeneration_RefreshTokens";
  const override = await runPreTokenGeneration(ctx, caller, subject, user, source, clientMetadata);
  return mintTokens(ctx, user, family, override);
}
