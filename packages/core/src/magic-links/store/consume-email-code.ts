import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { CODE_NOT_REDEEMED, MAX_CODE_TRIES } from "./link-record.ts";

export interface ConsumeCodeInput {
  username: string;
  codeHash: string;
  nowSeconds: number;
}

/** A redeemed code, a wrong guess (counted), or no code to guess: none, expired, redeemed, or out of tries. */
export type CodeAttempt = "redeemed" | "wrong" | "dead";

/**
 * Tries a code with ONE conditional write, right or wrong: the write counts the try and records the
 * guess, and only succeeds while the code is outstanding, unexpired, unredeemed and under its try
 * limit. DynamoDB applies the writes to one item one at a time, so concurrent guesses are each counted
 * before the next is weighed: no more than MAX_CODE_TRIES guesses per code, however they are sent.
 * A guess equal to the code redeems it (and with it the link); the result shows which it was.
 */
export async function consumeEmailCode(table: TableRef, input: ConsumeCodeInput): Promise<CodeAttempt> {
  try {
    const { Attributes } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey({ username: input.username }),
        UpdateExpression: "SET codeGuess = :guess ADD codeTries :one",
        ConditionExpression: `attribute_exists(codeHash) AND linkExpiresAt > :now AND codeTries < :maxTries AND ${CODE_NOT_REDEEMED}`,
        ExpressionAttributeValues: {
          ":guess": { S: input.codeHash },
          ":one": { N: "1" },
          ":now": { N: String(input.nowSeconds) },
          ":maxTries": { N: String(MAX_CODE_TRIES) },
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes?.codeHash?.S === input.codeHash ? "redeemed" : "wrong";
  } catch (error) {
    if (isConditionFailure(error)) return "dead";
    throw error;
  }
}
