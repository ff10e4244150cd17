import { emailExists, invalidParameter } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import { isEmail } from "./attributes.ts";
import type { UserRecord } from "./user-record.ts";

/**
 * Checks an email a user is to get: well formed and nobody else's (email is a username attribute).
 * Returns whether it changes the address; a change of case alone does not, as sign-in ignores case.
 */
export function checkNewEmail(ctx: PoolContext, user: UserRecord, email: string): boolean {
  if (!isEmail(email)) throw invalidParameter("Invalid email address format.");
  if (ctx.users.emailOwner(email, user.username)) throw emailExists("AliasExistsException");
  return email.toLowerCase() !== user.attributes.email?.toLowerCase();
}
