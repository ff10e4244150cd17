import { ConditionalCheckFailedException, DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "../../table.ts";
import { credentialKey } from "./credential-item.ts";
import { notFound } from "./rename-credential.ts";

/** Deletes one of the owner's credentials; another user's (or no) credential is NOT_FOUND. */
export async function deleteCredential(table: TableRef, input: { id: string; owner: string }): Promise<void> {
  try {
    await table.client.send(
      new DeleteItemCommand({
        TableName: table.name,
        Key: credentialKey(input.id),
        ConditionExpression: "attribute_exists(pk) AND #owner = :owner",
        ExpressionAttributeNames: { "#owner": "owner" },
        ExpressionAttributeValues: { ":owner": { S: input.owner } },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound();
    throw error;
  }
}
