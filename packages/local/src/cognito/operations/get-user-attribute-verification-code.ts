import type { PoolContext } from "../pool-context.ts";
import { verifyAccessToken } from "../tokens/verify-access-token.ts";
import { sendVerificationCode } from "../users/send-verification-code.ts";
import { requireEmailAttribute } from "./email-attribute.ts";
import { type Input, requiredString } from "./input.ts";

/** A new code to the signed-in user's email; it replaces any code sent before. */
export async function getUserAttributeVerificationCode(ctx: PoolContext, input: Input) {
  const { user } = verifyAccessToken(ctx, requiredString(input, "AccessToken"));
  const email = requireEmailAttribute(input, user);
  return { CodeDeliveryDetails: await sendVerificationCode(ctx, user, email) };
}
