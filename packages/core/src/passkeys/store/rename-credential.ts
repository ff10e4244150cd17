import { ConditionalCheckFailedException, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { LatchkeyError } from "../../errors.ts";
import type { TableRef } from "../../table.ts";
import type { CredentialRecord } from "../types.ts";
import { credentialKey, fromItem } from "./credential-item.ts";

/** Renames one of the owner's credentials; another user's (or no) credential is NOT_FOUND. */
export async function renameCredential(
  table: TableRef,
  input: { id: string; owner: string; friendlyName: string },
): Promise<CredentialRecord> {
  try {
    const { Attributes } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: credentialKey(input.id),
        UpdateExpression: "SET friendlyName = :name",
        ConditionExpression: "attribute_exists(pk) AND #owner = :owner",
        ExpressionAttributeNames: { "#owner": "owner" },
        ExpressionAttributeValues: { ":name": { S: input.friendlyName }, ":owner": { S: input.owner } },
        ReturnValues: "ALL_NEW",
      }),
    );
    if (!Attributes) throw new Error("UpdateItem returned no attributes");
    return fromItem(Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound();
    throw error;
  }
}

export const notFound = () => new LatchkeyError("NOT_FOUND", "No such passkey.");
