import { invalidParameter } from "../cognito-error.ts";
import type { UserRecord } from "../users/user-record.ts";
import { type Input, requiredString } from "./input.ts";

/**
 * The attribute a verification call names must be one the pool verifies: only email here (no phone
 * numbers). Returns the address a code is for: the new one while a change is pending (in a pool that
 * keeps the original), else the user's current one. Cognito's wording for other names isn't documented.
 */
export function requireEmailAttribute(input: Input, user: UserRecord): string {
  const name = requiredString(input, "AttributeName");
  const email = user.pendingEmail ?? user.attributes.email;
  if (name !== "email") throw invalidParameter(`Attribute ${name} is not verified by this user pool.`);
  if (email === undefined) throw invalidParameter("The user has no email.");
  return email;
}
