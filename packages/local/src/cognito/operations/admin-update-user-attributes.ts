import { nullMember } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { parseAttributeList } from "../users/attributes.ts";
import { checkNewEmail } from "../users/check-new-email.ts";
import { checkNewPhoneNumber } from "../users/check-new-phone-number.ts";
import { sendVerificationCode } from "../users/send-verification-code.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

/**
 * A new email must be free. Setting email_verified to true in the same call applies it verified, which
 * is how admins change a verified email in Cognito. Otherwise it starts out unverified, or, where the
 * pool keeps the original, waits for the code mailed to it while the current address stays. A new
 * phone number must be free too, and applies unverified unless the call verifies it.
 */
export async function adminUpdateUserAttributes(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  const user = requireUser(ctx, input);
  if (input.UserAttributes === undefined || input.UserAttributes === null) throw nullMember("userAttributes");
  const { email, ...others } = parseAttributeList(input.UserAttributes);
  const phoneChanged = others.phone_number !== undefined && checkNewPhoneNumber(ctx, user, others.phone_number);
  if (phoneChanged && others.phone_number_verified === undefined) others.phone_number_verified = "false";
  const changed = email !== undefined && checkNewEmail(ctx, user, email);
  const pending = changed && ctx.keepOriginalEmail && others.email_verified !== "true";
  if (email !== undefined) user.pendingEmail = pending ? email : undefined;
  const unverified = changed && others.email_verified === undefined;
  const applied = email === undefined || pending ? {} : { email, ...(unverified && { email_verified: "false" }) };
  ctx.users.setAttributes(user, { ...user.attributes, ...others, ...applied }, ctx.now());
  if (pending) await sendVerificationCode(ctx, user, email);
  return {};
}
