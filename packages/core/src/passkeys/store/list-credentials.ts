import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { userPartition } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem } from "./credential-item.ts";

/** A user keeps few passkeys; past this many the oldest are listed and the rest ignored. */
export const MAX_LISTED_CREDENTIALS = 100;

/** The user's credentials, oldest first, in one query of the user index. */
export async function listCredentials(table: TableRef, username: string): Promise<CredentialRecord[]> {
  const { userIndex } = tableSchema;
  const { Items } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: userIndex.name,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": userIndex.partitionKey },
      ExpressionAttributeValues: { ":pk": { S: userPartition(username) } },
      Limit: MAX_LISTED_CREDENTIALS,
    }),
  );
  return (Items ?? []).map(fromItem);
}
