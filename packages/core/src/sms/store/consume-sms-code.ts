import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type SmsCodeSubject, smsCodeItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";

export interface ConsumeSmsCodeInput {
  subject: SmsCodeSubject;
  requesterHash: string;
  /** The hash of the code typed (see SmsHashes.code). */
  guessHash: string;
  maxTries: number;
  nowSeconds: number;
}

export type SmsCodeGuess = "redeemed" | "wrong" | "not redeemable";

/**
 * Weighs one guess with ONE conditional write, right or wrong: while the code is unexpired, unused
 * and has tries left, the write counts a try and deletes the guess from the item's set of one code
 * hash. The item as it was says which it was: a right guess took the code out, so of concurrent right
 * guesses exactly one finds it there, and after it nothing can be redeemed; a wrong one took a try.
 */
export async function consumeSmsCode(table: TableRef, input: ConsumeSmsCodeInput): Promise<SmsCodeGuess> {
  try {
    const { Attributes } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: smsCodeItemKey(input.subject, input.requesterHash),
        UpdateExpression: "ADD tries :one DELETE codes :guess",
        ConditionExpression: "attribute_exists(codes) AND codeExpires > :now AND tries < :maxTries",
        ExpressionAttributeValues: {
          ":one": { N: "1" },
          ":guess": { SS: [input.guessHash] },
          ":now": { N: String(input.nowSeconds) },
          ":maxTries": { N: String(input.maxTries) },
        },
        ReturnValues: "ALL_OLD",
      }),
    );
    return Attributes?.codes?.SS?.includes(input.guessHash) ? "redeemed" : "wrong";
  } catch (error) {
    if (isConditionFailure(error)) return "not redeemable";
    throw error;
  }
}
