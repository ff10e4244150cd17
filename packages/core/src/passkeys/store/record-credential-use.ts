import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { IS_USERS_PASSKEY, usernameCondition } from "./credential-item.ts";

/**
 * Stores the counter, backup state and time of a successful sign-in. The condition re-checks what was
 * verified against the item as it is now: still there, still the user's, and the counter still below
 * the new one (or both zero, for authenticators that keep no counter), so two concurrent uses of one
 * signature cannot both pass. Returns false when the condition fails.
 */
export async function recordCredentialUse(
  table: TableRef,
  input: { id: string; username: string; counter: number; backedUp: boolean; usedAt: string },
): Promise<boolean> {
  const { names, values } = usernameCondition(input.username);
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(input.id),
        UpdateExpression: "SET #counter = :counter, backedUp = :backedUp, lastUsedAt = :usedAt",
        ConditionExpression: `${IS_USERS_PASSKEY} AND #counter ${input.counter === 0 ? "=" : "<"} :counter`,
        ExpressionAttributeNames: { ...names, "#counter": "counter" },
        ExpressionAttributeValues: {
          ...values,
          ":counter": { N: String(input.counter) },
          ":backedUp": { BOOL: input.backedUp },
          ":usedAt": { S: input.usedAt },
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
