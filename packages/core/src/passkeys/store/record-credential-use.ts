import { ConditionalCheckFailedException, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "../../table.ts";
import { credentialKey } from "./credential-item.ts";

/**
 * Stores the counter, backup state and time of a successful sign-in. The condition re-checks what was
 * verified against the item as it is now: still there, still the owner's, and the counter still below
 * the new one (or both zero, for authenticators that keep no counter), so two concurrent uses of one
 * signature cannot both pass. Returns false when the condition fails.
 */
export async function recordCredentialUse(
  table: TableRef,
  input: { id: string; owner: string; counter: number; backedUp: boolean; usedAt: string },
): Promise<boolean> {
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: credentialKey(input.id),
        UpdateExpression: "SET #counter = :counter, backedUp = :backedUp, lastUsedAt = :usedAt",
        ConditionExpression:
          input.counter === 0
            ? "attribute_exists(pk) AND #owner = :owner AND #counter = :counter"
            : "attribute_exists(pk) AND #owner = :owner AND #counter < :counter",
        ExpressionAttributeNames: { "#owner": "owner", "#counter": "counter" },
        ExpressionAttributeValues: {
          ":owner": { S: input.owner },
          ":counter": { N: String(input.counter) },
          ":backedUp": { BOOL: input.backedUp },
          ":usedAt": { S: input.usedAt },
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
