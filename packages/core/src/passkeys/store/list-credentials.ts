import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { type TableRef, tableSchema } from "../../table.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem, ownerKey } from "./credential-item.ts";

/** A user keeps few passkeys; past this many the oldest are listed and the rest ignored. */
export const MAX_LISTED_CREDENTIALS = 100;

/** The owner's credentials, oldest first, in one query of the owner index. */
export async function listCredentials(table: TableRef, owner: string): Promise<CredentialRecord[]> {
  const { ownerIndex } = tableSchema;
  const { Items } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: ownerIndex.name,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": ownerIndex.partitionKey },
      ExpressionAttributeValues: { ":pk": { S: ownerKey(owner) } },
      Limit: MAX_LISTED_CREDENTIALS,
    }),
  );
  return (Items ?? []).map(fromItem);
}
