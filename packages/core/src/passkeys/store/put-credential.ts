import { ConditionalCheckFailedException, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { LatchkeyError } from "../../errors.ts";
import type { TableRef } from "../../table.ts";
import type { CredentialRecord } from "../types.ts";
import { toItem } from "./credential-item.ts";

/** Stores a new credential; a credential ID that is already registered, to anyone, is a conflict. */
export async function putCredential(table: TableRef, record: CredentialRecord): Promise<void> {
  try {
    await table.client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: toItem(record),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new LatchkeyError("CREDENTIAL_EXISTS", "This passkey is already registered.");
    }
    throw error;
  }
}
