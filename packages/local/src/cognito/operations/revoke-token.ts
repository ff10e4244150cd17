import { CognitoError } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { verifyJwt } from "../tokens/sign-jwt.ts";
import { requireClient } from "./guards.ts";
import { type Input, requiredString } from "./input.ts";

/**
 * Revokes a refresh token and every access token minted from it. Like an OAuth revocation endpoint
 * (RFC 7009), a token that is unknown or belongs to another client is answered with success and
 * left alone; only an access or ID token is refused, since those can't be revoked one by one.
 */
export async function revokeToken(ctx: PoolContext, input: Input) {
  const clientId = requireClient(ctx, input);
  const token = requiredString(input, "Token");
  if (verifyJwt(ctx.signingKey, token) !== undefined) {
    throw new CognitoError("UnsupportedTokenTypeException", "Unsupported token type.");
  }
  const family = ctx.tokens.byRefreshToken(token);
  if (family !== undefined && family.clientId === clientId) family.revoked = true;
  return {};
}
