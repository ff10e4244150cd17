import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { ipHourItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";

export type CountResult = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Counts a request against its client IP's hourly cap: one counter item per (keyed hash of the) IP
 * and clock hour, incremented only while under the cap.
 */
export async function countIpRequest(
  table: TableRef,
  input: { ipHash: string; nowSeconds: number; maxPerHour: number },
): Promise<CountResult> {
  const hour = Math.floor(input.nowSeconds / 3600);
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: ipHourItemKey(input.ipHash, hour),
        UpdateExpression: `ADD requests :one SET ${tableSchema.ttlAttribute} = :expiresAt`,
        ConditionExpression: "attribute_not_exists(requests) OR requests < :max",
        ExpressionAttributeValues: {
          ":one": { N: "1" },
          ":max": { N: String(input.maxPerHour) },
          ":expiresAt": { N: String((hour + 2) * 3600) },
        },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { allowed: false, retryAfter: Math.max(1, (hour + 1) * 3600 - input.nowSeconds) };
  }
}
