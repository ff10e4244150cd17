import type { UserDirectory } from "@latchkey/core";

/**
 * The Cognito username for what a user typed: an email is looked up, anything else is taken as the
 * username itself. An unknown email resolves to itself, so the caller treats it like any user without
 * passkeys (decoy options) and the response does not reveal whether the account exists.
 */
export async function resolveUsername(directory: UserDirectory, typed: string): Promise<string> {
  if (!typed.includes("@")) return typed;
  const user = await directory.findByEmail(typed);
  return user?.username ?? typed.toLowerCase();
}
