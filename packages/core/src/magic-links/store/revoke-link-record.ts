import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { slotAttributeList, slotAttributes } from "./link-record.ts";

/**
 * Empties the slot of a link whose email could not be sent, so nothing unsent stays redeemable, and
 * forgets the send time so the user may ask again at once. The condition spares a newer link.
 */
export async function revokeLinkRecord(
  table: TableRef,
  subject: LinkSubject,
  link: { slot: number; linkIdHash: string },
): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(subject),
        UpdateExpression: `REMOVE ${slotAttributeList(link.slot).join(", ")}, lastSentAt`,
        ConditionExpression: `${slotAttributes(link.slot).link} = :linkIdHash`,
        ExpressionAttributeValues: { ":linkIdHash": { S: link.linkIdHash } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
