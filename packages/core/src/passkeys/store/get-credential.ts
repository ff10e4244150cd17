import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { fromItem, ledgerOf, type StoredCredential } from "./credential-item.ts";

/** A passkey and its sign-in ledger, read consistently: a sign-in's write is conditional on what was read. */
export async function getCredential(table: TableRef, id: string): Promise<StoredCredential | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: passkeyItemKey(id), ConsistentRead: true }),
  );
  return Item ? { ...fromItem(Item), ...ledgerOf(Item) } : undefined;
}
