import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { LOOKUP_AS_STORED, LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";
import { slotAttributeList, slotAttributes } from "./link-record.ts";

/**
 * For an address the pool says is nobody's, in ONE write: empties the slot of the link just stored for
 * it, which is mailed to no one and must not stay to be guessed should the address become someone's,
 * and records that lookup. The send time stays, so the address's limits answer as a known one's
 * would. The condition spares a newer link (and then records nothing: the next request asks again).
 */
export async function closeNobodysLink(
  table: TableRef,
  input: { subject: LinkSubject; slot: number; linkIdHash: string; nowSeconds: number },
): Promise<void> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(input.subject),
        UpdateExpression: `SET #at = :now REMOVE #user, #asStored, ${slotAttributeList(input.slot).join(", ")}`,
        ConditionExpression: `${slotAttributes(input.slot).link} = :linkIdHash`,
        ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT, "#asStored": LOOKUP_AS_STORED },
        ExpressionAttributeValues: { ":linkIdHash": { S: input.linkIdHash }, ":now": { N: String(input.nowSeconds) } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
