import type { PoolContext } from "../pool-context.ts";
import { adminGetUserResponse } from "../users/user-type.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

export async function adminGetUser(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  return adminGetUserResponse(requireUser(ctx, input));
}
