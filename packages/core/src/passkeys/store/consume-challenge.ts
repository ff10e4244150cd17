import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { redeemedChallengeItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { challengeHash } from "./challenge-hash.ts";

/**
 * Redeems a signed registration challenge: one conditional put of its hash, living until the challenge
 * expires. Exactly one of any number of concurrent redemptions succeeds; the others get false. (A
 * sign-in challenge is redeemed on the credential's own item instead: see record-sign-in.ts.)
 */
export async function consumeChallenge(
  table: TableRef,
  input: { bytes: Uint8Array; expiresAt: number },
): Promise<boolean> {
  try {
    await table.client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: {
          ...redeemedChallengeItemKey(challengeHash(input.bytes)),
          [tableSchema.ttlAttribute]: { N: String(input.expiresAt) },
        },
        ConditionExpression: `attribute_not_exists(${tableSchema.partitionKey})`,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
