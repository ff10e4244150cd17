import { DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { IS_USERS_PASSKEY, usernameCondition } from "./credential-item.ts";
import { releasePasskeySlot } from "./release-passkey-slot.ts";
import { notFound } from "./rename-credential.ts";

/**
 * Deletes one of the user's credentials, then gives its slot back; another user's (or no) credential is
 * NOT_FOUND and frees nothing. Should the second write fail, the user has one slot fewer: never more.
 */
export async function deleteCredential(table: TableRef, input: { id: string; username: string }): Promise<void> {
  const { names, values } = usernameCondition(input.username);
  try {
    await table.client.send(
      new DeleteItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(input.id),
        ConditionExpression: IS_USERS_PASSKEY,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw notFound();
    throw error;
  }
  await releasePasskeySlot(table, input.username);
}
