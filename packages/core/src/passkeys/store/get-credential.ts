import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "../../table.ts";
import type { CredentialRecord } from "../types.ts";
import { credentialKey, fromItem } from "./credential-item.ts";

export async function getCredential(table: TableRef, id: string): Promise<CredentialRecord | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: credentialKey(id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}
