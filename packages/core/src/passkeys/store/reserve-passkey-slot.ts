import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyCountItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { passkeyLimitReached } from "./passkey-limit-reached.ts";

/**
 * Takes one of the user's `max` passkey slots before a new passkey is stored: one conditional increment
 * of the user's count, so any number of concurrent registrations take at most the free slots and the
 * rest are PASSKEY_LIMIT_REACHED. (The user index cannot do this: its reads lag behind writes.) The count
 * starts with the first registration that has it; passkeys stored before are counted when options are
 * made, from the listing.
 */
export async function reservePasskeySlot(table: TableRef, input: { username: string; max: number }): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyCountItemKey(input.username),
        UpdateExpression: "SET #count = if_not_exists(#count, :zero) + :one",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :max",
        ExpressionAttributeNames: { "#count": "passkeys" },
        ExpressionAttributeValues: { ":zero": { N: "0" }, ":one": { N: "1" }, ":max": { N: String(input.max) } },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw passkeyLimitReached(input.max);
    throw error;
  }
}
