import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { slotAttributeList, slotAttributes } from "./link-record.ts";

export interface ConsumeLinkInput {
  subject: LinkSubject;
  /** The slot the token names. */
  slot: number;
  linkIdHash: string;
  /** SHA-256 of the redeeming browser's verifier, when links are bound (same-browser). */
  bindingHash: string | undefined;
  nowSeconds: number;
}

/**
 * Redeems a link with ONE conditional write: its slot must hold this link, unexpired, and (when bound)
 * be redeemed by the browser that asked for it. The write empties the slot, the link's code with it,
 * so of concurrent redemptions exactly one succeeds. Returns whether this call consumed it.
 */
export async function consumeMagicLink(table: TableRef, input: ConsumeLinkInput): Promise<boolean> {
  const { link, expires, bound, requester } = slotAttributes(input.slot);
  // A bound link needs its verifier whatever the current setting; a verifier needs a link bound to it.
  const binding = input.bindingHash
    ? `attribute_exists(${bound}) AND ${requester} = :bindingHash`
    : `attribute_not_exists(${bound})`;
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(input.subject),
        UpdateExpression: `REMOVE ${slotAttributeList(input.slot).join(", ")}`,
        ConditionExpression: `${link} = :linkIdHash AND ${expires} > :now AND ${binding}`,
        ExpressionAttributeValues: {
          ":linkIdHash": { S: input.linkIdHash },
          ":now": { N: String(input.nowSeconds) },
          ...(input.bindingHash && { ":bindingHash": { S: input.bindingHash } }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
