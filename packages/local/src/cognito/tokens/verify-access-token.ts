import { notAuthorized, userNotFound } from "../cognito-error.ts";
import { nowSeconds, type PoolContext } from "../pool-context.ts";
import type { UserRecord } from "../users/user-record.ts";
import { verifyJwt } from "./sign-jwt.ts";
import type { TokenFamily } from "./token-store.ts";

/**
 * Checks an access token the way GetUser and GlobalSignOut do: signed by this pool, an access token,
 * its sign-in not revoked, not expired, and its user still there.
 */
export function verifyAccessToken(ctx: PoolContext, token: string): { user: UserRecord; family: TokenFamily } {
  const claims = verifyJwt(ctx.signingKey, token);
  const originJti = claims?.origin_jti;
  if (
    claims === undefined ||
    claims.iss !== ctx.issuer ||
    claims.token_use !== "access" ||
    typeof originJti !== "string" ||
    typeof claims.exp !== "number"
  ) {
    throw notAuthorized("Invalid Access Token");
  }
  const family = ctx.tokens.byOriginJti(originJti);
  if (family === undefined) throw notAuthorized("Invalid Access Token");
  if (family.revoked) throw notAuthorized("Access Token has been revoked");
  if (claims.exp <= nowSeconds(ctx)) throw notAuthorized("Access Token has expired");
  const user = ctx.users.get(family.username);
  if (user === undefined) throw userNotFound();
  return { user, family };
}
