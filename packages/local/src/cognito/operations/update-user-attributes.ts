import { notAuthorized, nullMember } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { verifyAccessToken } from "../tokens/verify-access-token.ts";
import { parseAttributeList } from "../users/attributes.ts";
import { checkNewEmail } from "../users/check-new-email.ts";
import { checkNewPhoneNumber } from "../users/check-new-phone-number.ts";
import { sendVerificationCode } from "../users/send-verification-code.ts";
import { type Input, requiredString } from "./input.ts";

/** Only verification, or an admin, sets these: an app client may not write them. */
const verificationFlags = ["email_verified", "phone_number_verified"];

/**
 * A signed-in user changes their own attributes; the pool verifies email automatically, so a new email
 * gets a code (the CodeDeliveryDetailsList tells Amplify to ask for it). Where the pool keeps the
 * original, the new address waits for that code and the verified one stays; otherwise it applies at
 * once, unverified. The whole request is refused, and nothing written, if it sets a verification flag,
 * as Cognito refuses writes an app client isn't allowed ("A client attempted to write unauthorized
 * attribute").
 */
export async function updateUserAttributes(ctx: PoolContext, input: Input) {
  const { user } = verifyAccessToken(ctx, requiredString(input, "AccessToken"));
  if (input.UserAttributes === undefined || input.UserAttributes === null) throw nullMember("userAttributes");
  const { email, ...others } = parseAttributeList(input.UserAttributes);
  if (verificationFlags.some((flag) => flag in others)) {
    throw notAuthorized("A client attempted to write unauthorized attribute");
  }
  // This pool texts no codes: a new phone number applies at once, unverified.
  if (others.phone_number !== undefined && checkNewPhoneNumber(ctx, user, others.phone_number)) {
    others.phone_number_verified = "false";
  }
  const changed = email !== undefined && checkNewEmail(ctx, user, email);
  const pending = changed && ctx.keepOriginalEmail;
  if (email !== undefined) user.pendingEmail = pending ? email : undefined;
  const applied = email === undefined || pending ? {} : { email, ...(changed && { email_verified: "false" }) };
  ctx.users.setAttributes(user, { ...user.attributes, ...others, ...applied }, ctx.now());
  if (!changed) return {};
  return { CodeDeliveryDetailsList: [await sendVerificationCode(ctx, user, email)] };
}
