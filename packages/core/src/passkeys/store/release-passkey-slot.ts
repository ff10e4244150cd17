import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyCountItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";

/**
 * Gives back a slot taken by reservePasskeySlot: after a passkey is deleted, or when storing it failed.
 * The count never goes below zero, so a passkey stored before there was a count frees nothing.
 */
export async function releasePasskeySlot(table: TableRef, username: string): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyCountItemKey(username),
        UpdateExpression: "SET #count = #count - :one",
        ConditionExpression: "#count > :zero",
        ExpressionAttributeNames: { "#count": "passkeys" },
        ExpressionAttributeValues: { ":zero": { N: "0" }, ":one": { N: "1" } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
