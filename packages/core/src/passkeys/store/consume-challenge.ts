import { createHash } from "node:crypto";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { redeemedChallengeItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";

/**
 * Redeems a signed challenge: one conditional put of its hash, living until the challenge expires.
 * Exactly one of any number of concurrent redemptions succeeds; the others get false.
 */
export async function consumeChallenge(
  table: TableRef,
  input: { bytes: Uint8Array; expiresAt: number },
): Promise<boolean> {
  const hash = createHash("sha256").update(input.bytes).digest("base64url");
  try {
    await table.client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: { ...redeemedChallengeItemKey(hash), [tableSchema.ttlAttribute]: { N: String(input.expiresAt) } },
        ConditionExpression: `attribute_not_exists(${tableSchema.partitionKey})`,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
