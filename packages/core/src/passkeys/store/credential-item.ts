import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { passkeyItemKey, passkeyUserIndexKey } from "../../table/item-keys.ts";
import { tableSchema } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";

/**
 * A passkey's item: keyed by the credential ID (so IDs are unique across all users by a conditional
 * put), listed in the user index under its user.
 */
/**
 * The condition of every change to a stored passkey: it exists and is this user's. Its `#username` and
 * `:username` come with the expression (usernameCondition).
 */
export const IS_USERS_PASSKEY = `attribute_exists(${tableSchema.partitionKey}) AND #username = :username`;

export const usernameCondition = (username: string) => ({
  names: { "#username": "username" },
  values: { ":username": { S: username } },
});

export function toItem(record: CredentialRecord): Record<string, AttributeValue> {
  return {
    ...passkeyItemKey(record.id),
    ...passkeyUserIndexKey(record),
    credentialId: { S: record.id },
    publicKey: { B: record.publicKey },
    ...(record.publicKeySpki && { publicKeySpki: { B: record.publicKeySpki } }),
    counter: { N: String(record.counter) },
    transports: { L: record.transports.map((transport) => ({ S: transport })) },
    aaguid: { S: record.aaguid },
    backupEligible: { BOOL: record.backupEligible },
    backedUp: { BOOL: record.backedUp },
    rpId: { S: record.rpId },
    friendlyName: { S: record.friendlyName },
    createdAt: { S: record.createdAt },
    ...(record.lastUsedAt && { lastUsedAt: { S: record.lastUsedAt } }),
    username: { S: record.username },
    ...(record.ownerAddressHash && { ownerAddressHash: { S: record.ownerAddressHash } }),
  };
}

/**
 * What sign-ins keep on a passkey's item beside its record (see record-sign-in.ts): how many sign-ins
 * have changed it (the version a sign-in's write is conditional on; 0 before the first) and the
 * challenges redeemed with it that had not expired at the last sign-in (challenge hash -> expiresAt, epoch s).
 */
export interface SignInLedger {
  uses: number;
  redeemedChallenges: Record<string, number>;
}

/** A passkey as a sign-in reads it. */
export type StoredCredential = CredentialRecord & SignInLedger;

export function ledgerOf(item: Record<string, AttributeValue>): SignInLedger {
  const redeemed = Object.entries(item.redeemedChallenges?.M ?? {});
  return {
    uses: Number(item.uses?.N ?? "0"),
    redeemedChallenges: Object.fromEntries(redeemed.map(([hash, expiresAt]) => [hash, Number(expiresAt.N ?? "0")])),
  };
}

export function fromItem(item: Record<string, AttributeValue>): CredentialRecord {
  return {
    id: item.credentialId?.S ?? "",
    publicKey: item.publicKey?.B ?? new Uint8Array(),
    ...(item.publicKeySpki?.B && { publicKeySpki: item.publicKeySpki.B }),
    counter: Number(item.counter?.N ?? "0"),
    transports: (item.transports?.L ?? []).flatMap((value) => (value.S ? [value.S] : [])),
    aaguid: item.aaguid?.S ?? "",
    backupEligible: item.backupEligible?.BOOL === true,
    backedUp: item.backedUp?.BOOL === true,
    rpId: item.rpId?.S ?? "",
    friendlyName: item.friendlyName?.S ?? "",
    createdAt: item.createdAt?.S ?? "",
    lastUsedAt: item.lastUsedAt?.S,
    username: item.username?.S ?? "",
    ...(item.ownerAddressHash?.S && { ownerAddressHash: item.ownerAddressHash.S }),
  };
}
