import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { CredentialRecord } from "../types.ts";

/**
 * A passkey's item: pk is the credential ID (so IDs are unique across all users by a conditional put),
 * gsi1 lists an owner's passkeys.
 */
export const credentialKey = (id: string) => ({ pk: { S: `passkey#${id}` }, sk: { S: "passkey" } });
export const ownerKey = (owner: string) => `passkey-owner#${owner}`;

/**
 * Orders an owner's passkeys by creation. An index sort key holds at most 1024 bytes and a credential
 * ID may take 1364 characters of base64url, so only its start breaks ties (index keys need not be unique).
 */
export const ownerSortKey = (record: Pick<CredentialRecord, "createdAt" | "id">) =>
  `${record.createdAt}#${record.id.slice(0, 64)}`;

export function toItem(record: CredentialRecord): Record<string, AttributeValue> {
  return {
    ...credentialKey(record.id),
    gsi1pk: { S: ownerKey(record.owner) },
    gsi1sk: { S: ownerSortKey(record) },
    credentialId: { S: record.id },
    publicKey: { B: record.publicKey },
    counter: { N: String(record.counter) },
    transports: { L: record.transports.map((transport) => ({ S: transport })) },
    aaguid: { S: record.aaguid },
    backupEligible: { BOOL: record.backupEligible },
    backedUp: { BOOL: record.backedUp },
    rpId: { S: record.rpId },
    friendlyName: { S: record.friendlyName },
    createdAt: { S: record.createdAt },
    ...(record.lastUsedAt && { lastUsedAt: { S: record.lastUsedAt } }),
    owner: { S: record.owner },
  };
}

export function fromItem(item: Record<string, AttributeValue>): CredentialRecord {
  return {
    id: item.credentialId?.S ?? "",
    publicKey: item.publicKey?.B ?? new Uint8Array(),
    counter: Number(item.counter?.N ?? "0"),
    transports: (item.transports?.L ?? []).flatMap((value) => (value.S ? [value.S] : [])),
    aaguid: item.aaguid?.S ?? "",
    backupEligible: item.backupEligible?.BOOL === true,
    backedUp: item.backedUp?.BOOL === true,
    rpId: item.rpId?.S ?? "",
    friendlyName: item.friendlyName?.S ?? "",
    createdAt: item.createdAt?.S ?? "",
    lastUsedAt: item.lastUsedAt?.S,
    owner: item.owner?.S ?? "",
  };
}
