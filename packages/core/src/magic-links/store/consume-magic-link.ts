import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { CODE_NOT_REDEEMED, LINK_ATTRIBUTES } from "./link-record.ts";

export interface ConsumeLinkInput {
  username: string;
  linkIdHash: string;
  /** SHA-256 of the redeeming browser's verifier, if it sent one. */
  bindingHash: string | undefined;
  nowSeconds: number;
}

/**
 * Redeems a link with ONE conditional write: it must be the outstanding link, unexpired, its code
 * unredeemed, and (when bound) redeemed by the browser that asked for it. The write removes the link
 * and the code, so of concurrent redemptions exactly one succeeds. Returns whether this call consumed it.
 */
export async function consumeMagicLink(table: TableRef, input: ConsumeLinkInput): Promise<boolean> {
  // A bound link needs its verifier whatever the current setting; an unbound one needs none.
  const binding = input.bindingHash ? "bindingHash = :bindingHash" : "attribute_not_exists(bindingHash)";
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey({ username: input.username }),
        UpdateExpression: `REMOVE ${LINK_ATTRIBUTES}`,
        ConditionExpression: `linkIdHash = :linkIdHash AND linkExpiresAt > :now AND ${CODE_NOT_REDEEMED} AND ${binding}`,
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
