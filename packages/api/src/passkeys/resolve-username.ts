import { type LatchkeyConfig, normalizeEmail, type TableRef } from "@latchkey/core";
import { addressOwnerHash, readAddressOwner } from "@latchkey/core/passkeys";

/**
 * The Cognito username for what a user typed: an email is the owner of the address (one read of its
 * owner item, written when a passkey is registered or signed in with while the address is the user's
 * verified email: options matter only to users with passkeys), anything else is taken as the username
 * itself. An address nobody owns resolves to itself, normalized, so the caller treats it like any user
 * without passkeys (decoy options). Known or not, an address costs the same read and then the same
 * query, and no call to the pool, so neither the response nor its timing tells them apart.
 */
export async function resolveUsername(
  context: { config: LatchkeyConfig; table: TableRef },
  typed: string,
): Promise<string> {
  if (!typed.includes("@")) return typed;
  const owner = await readAddressOwner(context.table, addressOwnerHash(context.config.passkeys.challengeSecret, typed));
  return owner ?? normalizeEmail(typed);
}
