import { invalidParameter } from "../cognito-error.ts";
import type { UserRecord } from "../users/user-record.ts";
import { type Input, requiredString } from "./input.ts";

/**
 * The attribute a verification call names must be one the pool verifies: only email here (no phone
 * numbers). Returns the user's current address. Cognito's wording for other names isn't documented.
 */
export function requireEmailAttribute(input: Input, user: UserRecord): string {
  const name = requiredString(input, "AttributeName");
  const email = user.attributes.email;
  if (name !== "email") throw invalidParameter(`Attribute ${name} is not verified by this user pool.`);
  if (email === undefined) throw invalidParameter("The user has no email.");
  return email;
}
