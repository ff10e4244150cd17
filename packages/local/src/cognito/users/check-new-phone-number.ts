import { phoneNumberExists } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import type { UserRecord } from "./user-record.ts";

/**
 * Checks a phone number a user is to get (parseAttributeList checked its format): nobody else's, as
 * phone_number is a username attribute. Returns whether it changes the number, which Cognito then
 * marks unverified unless the same admin call verifies it.
 */
export function checkNewPhoneNumber(ctx: PoolContext, user: UserRecord, phoneNumber: string): boolean {
  if (ctx.users.phoneNumberOwner(phoneNumber, user.username)) throw phoneNumberExists("AliasExistsException");
  return phoneNumber !== user.attributes.phone_number;
}
