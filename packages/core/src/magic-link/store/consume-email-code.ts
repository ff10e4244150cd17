import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import type { TableRef } from "../../table.ts";
import { isConditionFailure, linkRecordKey, MAX_CODE_TRIES } from "./link-record.ts";

export interface ConsumeCodeInput {
  username: string;
  codeHash: string;
  nowSeconds: number;
}

/**
 * Redeems a code with one conditional write (the right code, unexpired, fewer than three wrong tries),
 * removing the code and the link. Otherwise a second write counts a wrong try against the outstanding
 * code, in DynamoDB, so the limit holds across Cognito sessions.
 */
export async function consumeEmailCode(table: TableRef, input: ConsumeCodeInput): Promise<boolean> {
  const Key = linkRecordKey({ username: input.username });
  const maxTries = { N: String(MAX_CODE_TRIES) };
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key,
        UpdateExpression: "REMOVE linkIdHash, codeHash, codeTries, linkExpiresAt, bindingHash",
        ConditionExpression: "codeHash = :codeHash AND linkExpiresAt > :now AND codeTries < :maxTries",
        ExpressionAttributeValues: {
          ":codeHash": { S: input.codeHash },
          ":now": { N: String(input.nowSeconds) },
          ":maxTries": maxTries,
        },
      }),
    );
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key,
        UpdateExpression: "ADD codeTries :one",
        ConditionExpression: "attribute_exists(codeHash) AND codeTries < :maxTries",
        ExpressionAttributeValues: { ":one": { N: "1" }, ":maxTries": maxTries },
      }),
    );
  } catch (error) {
    // No outstanding code, or it is dead already: nothing left to count.
    if (!isConditionFailure(error)) throw error;
  }
  return false;
}
