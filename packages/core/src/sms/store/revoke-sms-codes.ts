import { type AttributeValue, DeleteItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { SMS_CODE_SORT_PREFIX, userPartition } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { MAX_SMS_CODE_TRIES } from "../redeem-sms-code.ts";

/**
 * Deletes every code texted to the user, one item per browser that asked (see putSmsCode): one query
 * of the user's partition for them, and a delete each, so none redeems any more. Resolves with how
 * many were still redeemable: unexpired, unused, with tries left.
 */
export async function revokeSmsCodes(table: TableRef, username: string, nowSeconds: number): Promise<number> {
  const { partitionKey, sortKey } = tableSchema;
  const keys: Record<string, AttributeValue>[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :codes)",
        ProjectionExpression: "#pk, #sk",
        ExpressionAttributeNames: { "#pk": partitionKey, "#sk": sortKey },
        ExpressionAttributeValues: { ":pk": { S: userPartition(username) }, ":codes": { S: SMS_CODE_SORT_PREFIX } },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    keys.push(...Items);
    startKey = LastEvaluatedKey;
  } while (startKey);
  const deleted = await Promise.all(
    keys.map((Key) =>
      table.client.send(new DeleteItemCommand({ TableName: table.name, Key, ReturnValues: "ALL_OLD" })),
    ),
  );
  return deleted.filter(
    ({ Attributes = {} }) =>
      Attributes.codes?.SS?.length &&
      Number(Attributes.codeExpires?.N ?? 0) > nowSeconds &&
      Number(Attributes.tries?.N ?? 0) < MAX_SMS_CODE_TRIES,
  ).length;
}
