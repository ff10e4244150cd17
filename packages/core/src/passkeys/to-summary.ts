import type { Passkey } from "@latchkey/protocol";
import type { AaguidDirectory } from "./aaguid-directory.ts";
import type { CredentialRecord } from "./types.ts";

/** What a user sees of one of their passkeys: never the public key, counter or username. */
export async function toSummary(record: CredentialRecord, aaguids: AaguidDirectory): Promise<Passkey> {
  const authenticator = await aaguids.lookup(record.aaguid);
  return {
    id: record.id,
    friendlyName: record.friendlyName,
    authenticatorName: authenticator?.name ?? null,
    iconLight: authenticator?.iconLight ?? null,
    iconDark: authenticator?.iconDark ?? null,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt ?? null,
    backupEligible: record.backupEligible,
    backedUp: record.backedUp,
    transports: record.transports,
    rpId: record.rpId,
  };
}
