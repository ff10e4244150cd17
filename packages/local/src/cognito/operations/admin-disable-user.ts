import type { PoolContext } from "../pool-context.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

/** A disabled user can't sign in or refresh, and, as AWS documents, loses the tokens it holds. */
export async function adminDisableUser(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  const user = requireUser(ctx, input);
  user.enabled = false;
  user.modifiedAt = ctx.now();
  ctx.tokens.revokeUser(user.username);
  return {};
}
