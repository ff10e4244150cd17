import type { PoolContext } from "../pool-context.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

export async function adminEnableUser(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  const user = requireUser(ctx, input);
  user.enabled = true;
  user.modifiedAt = ctx.now();
  return {};
}
