import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { addressOwnerItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";

/**
 * Makes the user the owner of the address `to` (a verified email of theirs, seen at a passkey's
 * registration or sign-in), and, when their passkey was last seen with another address `from`, gives
 * that one up if it still names them: an account that has verified the old address since owns it now.
 */
export async function moveAddressOwner(
  table: TableRef,
  input: { username: string; to: string; from?: string | undefined },
): Promise<void> {
  const put = table.client.send(
    new PutItemCommand({
      TableName: table.name,
      Item: { ...addressOwnerItemKey(input.to), username: { S: input.username } },
    }),
  );
  const release =
    input.from !== undefined && input.from !== input.to && releaseOwner(table, input.from, input.username);
  await Promise.all([put, release]);
}

async function releaseOwner(table: TableRef, addressHash: string, username: string) {
  try {
    await table.client.send(
      new DeleteItemCommand({
        TableName: table.name,
        Key: addressOwnerItemKey(addressHash),
        ConditionExpression: "username = :username",
        ExpressionAttributeValues: { ":username": { S: username } },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
