import { type AttributeValue, DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem, IS_USERS_PASSKEY, usernameCondition } from "./credential-item.ts";
import { releasePasskeySlot } from "./release-passkey-slot.ts";
import { notFound } from "./rename-credential.ts";

/**
 * Deletes one of the user's credentials, then gives its slot back; another user's (or no) credential is
 * NOT_FOUND and frees nothing. Should the second write fail, the user has one slot fewer: never more.
 * Resolves with the credential as it was (the same call returns it).
 */
export async function deleteCredential(
  table: TableRef,
  input: { id: string; username: string },
): Promise<CredentialRecord> {
  const { names, values } = usernameCondition(input.username);
  let deleted: Record<string, AttributeValue> | undefined;
  try {
    ({ Attributes: deleted } = await table.client.send(
      new DeleteItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(input.id),
        ConditionExpression: IS_USERS_PASSKEY,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: "ALL_OLD",
      }),
    ));
  } catch (error) {
    if (isConditionFailure(error)) throw notFound();
    throw error;
  }
  await releasePasskeySlot(table, input.username);
  return fromItem(deleted ?? {});
}
