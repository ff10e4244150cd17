import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../table/is-condition-failure.ts";
import { smsHourItemKey } from "../table/item-keys.ts";
import { type TableRef, tableSchema } from "../table/table-schema.ts";

export interface SmsBudgets {
  /** Texts an hour to one number. */
  maxPerNumberPerHour: number;
  /** Texts an hour to one range of 10,000 numbers (see numberRange). */
  maxPerRangePerHour: number;
  /** Requests an hour from one client network (an IPv4 address, an IPv6 /64). */
  maxPerIpPerHour: number;
  /** Texts an hour in all: the ceiling on what the deployment can be made to spend. */
  maxPerHour: number;
}

/** Keyed hashes (see smsHashes) of what a request is counted by. */
export interface SmsRequestKeys {
  numberHash: string;
  rangeHash: string;
  ipHash: string;
}

/**
 * 96 bits of a hash name a counter: plenty to keep numbers, ranges and networks apart, and short, so
 * that an hour's item stays small (see MAX_SMS_PER_HOUR).
 */
const short = (hash: string) => hash.slice(0, 16);

export type SmsCount = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Counts a request for a text against every hourly budget in ONE conditional write to the hour's
 * counter item: the count in all, and the number's, the range's and the network's (attributes named
 * by keyed hashes), each incremented only while all four are under their caps, so a refused request
 * uses up nothing. Known and unknown numbers are counted alike, so a refusal never tells them apart.
 */
export async function countSmsRequest(
  table: TableRef,
  input: { keys: SmsRequestKeys; nowSeconds: number; budgets: SmsBudgets },
): Promise<SmsCount> {
  const hour = Math.floor(input.nowSeconds / 3600);
  const { budgets, keys } = input;
  const under = (name: string, max: string) => `(attribute_not_exists(${name}) OR ${name} < ${max})`;
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: smsHourItemKey(hour),
        UpdateExpression: `ADD texts :one, #number :one, #range :one, #ip :one SET ${tableSchema.ttlAttribute} = :expiresAt`,
        ConditionExpression: [
          under("texts", ":max"),
          under("#number", ":maxNumber"),
          under("#range", ":maxRange"),
          under("#ip", ":maxIp"),
        ].join(" AND "),
        ExpressionAttributeNames: {
          "#number": `n${short(keys.numberHash)}`,
          "#range": `r${short(keys.rangeHash)}`,
          "#ip": `i${short(keys.ipHash)}`,
        },
        ExpressionAttributeValues: {
          ":one": { N: "1" },
          ":max": { N: String(budgets.maxPerHour) },
          ":maxNumber": { N: String(budgets.maxPerNumberPerHour) },
          ":maxRange": { N: String(budgets.maxPerRangePerHour) },
          ":maxIp": { N: String(budgets.maxPerIpPerHour) },
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
