import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem } from "./credential-item.ts";

export async function getCredential(table: TableRef, id: string): Promise<CredentialRecord | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: passkeyItemKey(id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}
