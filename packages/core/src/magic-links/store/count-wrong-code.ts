import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { type CodeCharge, type CodeLimits, chargeCondition } from "./code-charge.ts";
import { dayAttribute, linkItemExpiry, slotAttributes } from "./link-record.ts";

/**
 * Counts a wrong code against its allowance with ONE conditional write, only while the allowance
 * lasts: DynamoDB applies writes to one item one at a time, so however many arrive at once, no more
 * are weighed than the allowance holds. Returns false when it was already used up.
 */
export async function countWrongCode(
  table: TableRef,
  input: { subject: LinkSubject; charge: CodeCharge; limits: CodeLimits; nowSeconds: number },
): Promise<boolean> {
  const { nowSeconds } = input;
  const charge = chargeCondition(input.charge, input.limits, nowSeconds);
  const daily = input.charge === "daily";
  const update =
    input.charge === "daily"
      ? // The day's count keeps the item alive past the day; yesterday's goes.
        `ADD #failed :one SET ${tableSchema.ttlAttribute} = :expiresAt REMOVE #previousDay`
      : `ADD ${slotAttributes(input.charge.slot).tries} :one`;
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(input.subject),
        UpdateExpression: update,
        ConditionExpression: charge.condition,
        ...(daily && { ExpressionAttributeNames: { ...charge.names, "#previousDay": dayAttribute(nowSeconds, 1) } }),
        ExpressionAttributeValues: {
          ":one": { N: "1" },
          ...(daily && { ":expiresAt": { N: String(linkItemExpiry(nowSeconds)) } }),
          ...charge.values,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
