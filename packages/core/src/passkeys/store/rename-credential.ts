import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { LatchkeyError } from "../../errors.ts";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { passkeyItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { fromItem, IS_USERS_PASSKEY, usernameCondition } from "./credential-item.ts";

/** Renames one of the user's credentials; another user's (or no) credential is NOT_FOUND. */
export async function renameCredential(
  table: TableRef,
  input: { id: string; username: string; friendlyName: string },
): Promise<CredentialRecord> {
  const { names, values } = usernameCondition(input.username);
  try {
    const { Attributes } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: passkeyItemKey(input.id),
        UpdateExpression: "SET friendlyName = :name",
        ConditionExpression: IS_USERS_PASSKEY,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ":name": { S: input.friendlyName } },
        ReturnValues: "ALL_NEW",
      }),
    );
    if (!Attributes) throw new Error("UpdateItem returned no attributes");
    return fromItem(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound();
    throw error;
  }
}

export const notFound = () => new LatchkeyError("NOT_FOUND", "No such passkey.");
