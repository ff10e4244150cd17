import { type AttributeValue, QueryCommand } from "@aws-sdk/client-dynamodb";
import { userPartition } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem } from "./credential-item.ts";

/**
 * All of the user's credentials, oldest first, from the user index: one query, and another for each
 * further page (DynamoDB pages at 1 MB, which only users with passkeys from before the cap can reach).
 */
export async function listCredentials(table: TableRef, username: string): Promise<CredentialRecord[]> {
  const { userIndex } = tableSchema;
  const records: CredentialRecord[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const { Items, LastEvaluatedKey } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: userIndex.name,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": userIndex.partitionKey },
        ExpressionAttributeValues: { ":pk": { S: userPartition(username) } },
        ExclusiveStartKey: startKey,
      }),
    );
    records.push(...(Items ?? []).map(fromItem));
    startKey = LastEvaluatedKey;
  } while (startKey);
  return records;
}
