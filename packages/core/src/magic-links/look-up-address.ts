import type { LatchkeyConfig } from "../config.ts";
import type { Clock, UserDirectory } from "../ports.ts";
import type { TableRef } from "../table/table-schema.ts";
import { magicLinkHashes } from "./hashes.ts";
import type { EmailAddress } from "./parse-email-address.ts";
import { readAddressLookup } from "./store/read-address-lookup.ts";
import { recordAddressLookup } from "./store/record-address-lookup.ts";

export interface LookUpAddressContext {
  config: LatchkeyConfig;
  table: TableRef;
  directory: Pick<UserDirectory, "findByEmail">;
  clock: Clock;
}

/**
 * The username of the account that signs in with this address, or undefined for nobody: from the
 * address's lookup (one read) while it is fresh, else from the pool (AdminGetUser), whose answer,
 * nobody too, is recorded for the next time. A lookup may be stale by up to the configured age;
 * what it names is only ever shown passkeys it may use, never signed in (see answerSubject).
 */
export async function lookUpAddress(context: LookUpAddressContext, email: EmailAddress): Promise<string | undefined> {
  const { config, table } = context;
  const addressHash = magicLinkHashes(config.passkeys.challengeSecret).address(email.key);
  const nowSeconds = Math.floor(context.clock.now() / 1000);
  const maxAgeSeconds = config.magicLinks.addressLookupMaxAgeSeconds;
  const fresh = await readAddressLookup(table, addressHash, { nowSeconds, maxAgeSeconds });
  if (fresh) return fresh.username;
  const user = await context.directory.findByEmail(email.address);
  const asStored = user?.email === email.key;
  await recordAddressLookup(table, { addressHash, user: user && { username: user.username, asStored }, nowSeconds });
  return user?.username;
}
