import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { LatchkeyError } from "../../errors.ts";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import type { CredentialRecord } from "../types.ts";
import { toItem } from "./credential-item.ts";

/**
 * Stores a new credential; a credential ID that is already registered, to anyone, is a conflict. The
 * one exception is this very record (same user, same creation time): the SDK retrying this put after
 * its answer was lost, which must not turn a stored passkey into CREDENTIAL_EXISTS.
 */
export async function putCredential(table: TableRef, record: CredentialRecord): Promise<void> {
  try {
    await table.client.send(
      new PutItemCommand({
        TableName: table.name,
        Item: toItem(record),
        ConditionExpression: `attribute_not_exists(${tableSchema.partitionKey}) OR (#username = :username AND createdAt = :createdAt)`,
        ExpressionAttributeNames: { "#username": "username" },
        ExpressionAttributeValues: { ":username": { S: record.username }, ":createdAt": { S: record.createdAt } },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new LatchkeyError("CREDENTIAL_EXISTS", "This passkey is already registered.");
    }
    throw error;
  }
}
