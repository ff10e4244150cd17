import type { PoolContext } from "../pool-context.ts";
import { verifyAccessToken } from "../tokens/verify-access-token.ts";
import { toAttributeList } from "../users/attributes.ts";
import { type Input, requiredString } from "./input.ts";

export async function getUser(ctx: PoolContext, input: Input) {
  const { user } = verifyAccessToken(ctx, requiredString(input, "AccessToken"));
  return { Username: user.username, UserAttributes: toAttributeList(user.attributes) };
}
