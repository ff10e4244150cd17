import type { PoolContext } from "../pool-context.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

/** GlobalSignOut for an admin: every refresh token and access token of every sign-in of the user. */
export async function adminUserGlobalSignOut(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  ctx.tokens.revokeUser(requireUser(ctx, input).username);
  return {};
}
