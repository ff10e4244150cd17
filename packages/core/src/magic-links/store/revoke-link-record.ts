import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { LINK_ATTRIBUTES } from "./link-record.ts";

/**
 * Removes a link whose email could not be sent, so nothing unsent stays redeemable, and forgets the
 * send time so the user may ask again at once. The condition spares a newer link issued meanwhile.
 */
export async function revokeLinkRecord(table: TableRef, subject: LinkSubject, linkIdHash: string): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(subject),
        UpdateExpression: `REMOVE ${LINK_ATTRIBUTES}, lastSentAt`,
        ConditionExpression: "linkIdHash = :linkIdHash",
        ExpressionAttributeValues: { ":linkIdHash": { S: linkIdHash } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
