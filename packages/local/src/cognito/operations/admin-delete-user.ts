import type { PoolContext } from "../pool-context.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

/** Tokens of a deleted user are left in place: using them reports the user gone, as Cognito does. */
export async function adminDeleteUser(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  ctx.users.delete(requireUser(ctx, input));
  return {};
}
