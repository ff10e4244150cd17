import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { type SmsCodeSubject, smsCodeItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";

/**
 * Stores the code just texted for one browser, in ONE write: its hash, its expiry and no tries used.
 * It replaces that browser's previous code and touches no other browser's, so asking for a text in
 * someone's name never takes their code from them. Only the holder of the browser's verifier can try
 * it (see consumeSmsCode). A retry of the same write (its answer lost) stores the same item.
 */
export async function putSmsCode(
  table: TableRef,
  input: { subject: SmsCodeSubject; requesterHash: string; codeHash: string; expiresAt: number },
): Promise<void> {
  await table.client.send(
    new PutItemCommand({
      TableName: table.name,
      Item: {
        ...smsCodeItemKey(input.subject, input.requesterHash),
        // A set of one: a right guess DELETEs it, so the write that redeems is the write that checks.
        codes: { SS: [input.codeHash] },
        codeExpires: { N: String(input.expiresAt) },
        tries: { N: "0" },
        [tableSchema.ttlAttribute]: { N: String(input.expiresAt + 3600) },
      },
    }),
  );
}
