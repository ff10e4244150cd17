import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";
import { linkItemExpiry } from "./link-record.ts";

/**
 * Records that the pool, asked just now, named `username` for this address. The item lives as long
 * as a link item does (its TTL moves with every email), so an address nobody uses leaves nothing.
 */
export async function recordAddressLookup(
  table: TableRef,
  input: { addressHash: string; username: string; nowSeconds: number },
): Promise<void> {
  await table.client.send(
    new UpdateItemCommand({
      TableName: table.name,
      Key: linkItemKey({ addressHash: input.addressHash }),
      UpdateExpression: `SET #user = :user, #at = :now, ${tableSchema.ttlAttribute} = if_not_exists(${tableSchema.ttlAttribute}, :expiresAt)`,
      ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT },
      ExpressionAttributeValues: {
        ":user": { S: input.username },
        ":now": { N: String(input.nowSeconds) },
        ":expiresAt": { N: String(linkItemExpiry(input.nowSeconds)) },
      },
    }),
  );
}
