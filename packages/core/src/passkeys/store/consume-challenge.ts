import { createHash } from "node:crypto";
import { ConditionalCheckFailedException, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "../../table.ts";

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
        Item: {
          pk: { S: `passkey-challenge#${hash}` },
          sk: { S: "passkey-challenge" },
          expiresAt: { N: String(input.expiresAt) },
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
