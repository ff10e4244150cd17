import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { ipHourItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";

export type CountResult = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Counts a request against its client network's hourly caps: all its requests, and its requests for
 * this address. One counter item per (keyed hash of the) network and clock hour holds both, and is
 * incremented only while under both caps, so one network can use only its share of an address's
 * emails (the address's own cap, over all networks, is the link record's).
 */
export async function countIpRequest(
  table: TableRef,
  input: { ipHash: string; addressHash: string; nowSeconds: number; maxPerHour: number; maxPerAddress: number },
): Promise<CountResult> {
  const hour = Math.floor(input.nowSeconds / 3600);
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: ipHourItemKey(input.ipHash, hour),
        UpdateExpression: `ADD requests :one, #toAddress :one SET ${tableSchema.ttlAttribute} = :expiresAt`,
        ConditionExpression:
          "(attribute_not_exists(requests) OR requests < :max) AND (attribute_not_exists(#toAddress) OR #toAddress < :maxToAddress)",
        ExpressionAttributeNames: { "#toAddress": `to${input.addressHash}` },
        ExpressionAttributeValues: {
          ":one": { N: "1" },
          ":max": { N: String(input.maxPerHour) },
          ":maxToAddress": { N: String(input.maxPerAddress) },
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
