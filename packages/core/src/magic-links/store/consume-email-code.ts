import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { type CodeCharge, type CodeLimits, chargeCondition } from "./code-charge.ts";
import { slotAttributeList, slotAttributes } from "./link-record.ts";

export interface ConsumeCodeInput {
  subject: LinkSubject;
  /** The slot whose code the attempt matched (see readLinkSlots). */
  slot: number;
  codeHash: string;
  charge: CodeCharge;
  limits: CodeLimits;
  nowSeconds: number;
}

/**
 * Redeems a code with ONE conditional write: the slot must still hold it, unexpired, and the allowance
 * the attempt draws on must not be used up. The write empties the slot, the code's link with it, so
 * of concurrent redemptions exactly one succeeds. Returns whether this call redeemed it.
 */
export async function consumeEmailCode(table: TableRef, input: ConsumeCodeInput): Promise<boolean> {
  const { code, expires } = slotAttributes(input.slot);
  const charge = chargeCondition(input.charge, input.limits, input.nowSeconds);
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(input.subject),
        UpdateExpression: `REMOVE ${slotAttributeList(input.slot).join(", ")}`,
        ConditionExpression: `${code} = :codeHash AND ${expires} > :now AND ${charge.condition}`,
        ...(Object.keys(charge.names).length > 0 && { ExpressionAttributeNames: charge.names }),
        ExpressionAttributeValues: {
          ":codeHash": { S: input.codeHash },
          ":now": { N: String(input.nowSeconds) },
          ...charge.values,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
