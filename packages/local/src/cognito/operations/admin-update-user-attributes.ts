import { nullMember } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { parseAttributeList } from "../users/attributes.ts";
import { checkNewEmail } from "../users/check-new-email.ts";
import { requirePool, requireUser } from "./guards.ts";
import type { Input } from "./input.ts";

/**
 * A new email must be free and starts out unverified, unless the same call sets email_verified, which
 * is how admins change a verified email in Cognito.
 */
export async function adminUpdateUserAttributes(ctx: PoolContext, input: Input) {
  requirePool(ctx, input);
  const user = requireUser(ctx, input);
  if (input.UserAttributes === undefined || input.UserAttributes === null) throw nullMember("userAttributes");
  const updates = parseAttributeList(input.UserAttributes);
  const next = { ...user.attributes, ...updates };
  const changed = updates.email !== undefined && checkNewEmail(ctx, user, updates.email);
  if (changed && updates.email_verified === undefined) next.email_verified = "false";
  ctx.users.setAttributes(user, next, ctx.now());
  return {};
}
