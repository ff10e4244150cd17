import { normalizeEmail } from "@latchkey/core";
import { type LookUpAddressContext, lookUpAddress, parseEmailAddress } from "@latchkey/core/magic-links";

/**
 * The Cognito username for what a user typed: an email is looked up (see lookUpAddress: no pool call
 * while the address's lookup is fresh), anything else is taken as the username itself. An email
 * nobody may sign in with resolves to itself, normalized as the directory compares it, so the caller
 * treats it like any user without passkeys (decoy options) and the response does not reveal whether
 * an account holds it. One that is not an address we would mail is asked of the pool each time.
 */
export async function resolveUsername(context: LookUpAddressContext, typed: string): Promise<string> {
  if (!typed.includes("@")) return typed;
  const email = mailable(typed);
  const username = email ? await lookUpAddress(context, email) : (await context.directory.findByEmail(typed))?.username;
  return username ?? normalizeEmail(typed);
}

function mailable(typed: string) {
  try {
    return parseEmailAddress(normalizeEmail(typed));
  } catch {
    return undefined;
  }
}
