import type { PoolContext } from "../pool-context.ts";
import { verifyAccessToken } from "../tokens/verify-access-token.ts";
import { type Input, requiredString } from "./input.ts";

/** Signs the user out everywhere: every refresh token and access token of every sign-in. */
export async function globalSignOut(ctx: PoolContext, input: Input) {
  const { user } = verifyAccessToken(ctx, requiredString(input, "AccessToken"));
  ctx.tokens.revokeUser(user.username);
  return {};
}
