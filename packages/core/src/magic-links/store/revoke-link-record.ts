import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { slotAttributeList, slotAttributes } from "./link-record.ts";

/**
 * Empties the slot of a link that was not sent, so nothing unsent stays redeemable. When its email
 * failed (`release`), the send time goes too, so the user may ask again at once; a link not sent
 * because the address is nobody's keeps it, so the address's limits answer as a known one's would.
 * The condition spares a newer link.
 */
export async function revokeLinkRecord(
  table: TableRef,
  subject: LinkSubject,
  link: { slot: number; linkIdHash: string },
  limits: "release" | "keep",
): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(subject),
        UpdateExpression: `REMOVE ${[...slotAttributeList(link.slot), ...(limits === "release" ? ["lastSentAt"] : [])].join(", ")}`,
        ConditionExpression: `${slotAttributes(link.slot).link} = :linkIdHash`,
        ExpressionAttributeValues: { ":linkIdHash": { S: link.linkIdHash } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
