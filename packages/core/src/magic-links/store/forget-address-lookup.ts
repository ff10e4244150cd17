import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { LOOKUP_AS_STORED, LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";

/**
 * Drops the address's lookup if it still names `username`, who no longer holds the address: the next
 * request for it asks the pool. Conditional, so a lookup recorded for the address's new holder in the
 * meantime stays. Resolves with whether a lookup was dropped.
 */
export async function forgetAddressLookup(
  table: TableRef,
  input: { addressHash: string; username: string },
): Promise<boolean> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey({ addressHash: input.addressHash }),
        UpdateExpression: "REMOVE #user, #at, #asStored",
        ConditionExpression: "#user = :user",
        ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT, "#asStored": LOOKUP_AS_STORED },
        ExpressionAttributeValues: { ":user": { S: input.username } },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
