import { nowSeconds, type PoolContext } from "../pool-context.ts";
import { newUuid } from "../random.ts";
import type { UserRecord } from "../users/user-record.ts";
import { applyAccessTokenOverride, applyClaimsOverride, type TokenOverrides } from "./claims-override.ts";
import { signJwt } from "./sign-jwt.ts";
import { accessTokenClaims, idTokenClaims } from "./token-claims.ts";
import type { TokenFamily } from "./token-store.ts";

/** A fresh ID and access token for a family; the AuthenticationResult fields without the refresh token. */
export function mintTokens(ctx: PoolContext, user: UserRecord, family: TokenFamily, overrides: TokenOverrides = {}) {
  const issuedAt = nowSeconds(ctx);
  const context = {
    issuer: ctx.issuer,
    family,
    issuedAt,
    expiresAt: issuedAt + ctx.accessTokenTtlSeconds,
    eventId: newUuid(),
  };
  const idClaims = applyClaimsOverride(idTokenClaims(context, user, newUuid()), overrides.id);
  const accessClaims = applyAccessTokenOverride(accessTokenClaims(context, user, newUuid()), overrides.access);
  return {
    AccessToken: signJwt(ctx.signingKey, accessClaims),
    ExpiresIn: ctx.accessTokenTtlSeconds,
    IdToken: signJwt(ctx.signingKey, idClaims),
    TokenType: "Bearer",
  };
}
