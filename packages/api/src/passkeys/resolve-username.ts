import { normalizeEmail, type UserDirectory } from "@latchkey/core";

/**
 * The Cognito username for what a user typed: an email is looked up, anything else is taken as the
 * username itself. An email nobody may sign in with resolves to itself, normalized as the directory
 * compares it, so the caller treats it like any user without passkeys (decoy options) and
 * the response does not reveal whether an account holds it.
 */
export async function resolveUsername(directory: UserDirectory, typed: string): Promise<string> {
  if (!typed.includes("@")) return typed;
  const user = await directory.findByEmail(typed);
  return user?.username ?? normalizeEmail(typed);
}
