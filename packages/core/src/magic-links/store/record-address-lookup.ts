import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";
import { linkItemExpiry } from "./link-record.ts";
import { recordUserAddress } from "./record-user-address.ts";

/**
 * Records what the pool, asked just now, named for this address: a username, and then also (for
 * revoking the user's links by username) that the user's links are kept there, the two writes side by
 * side; or nobody. The lookup lives as long as its link item does (its TTL moves with every email),
 * so an address nobody uses leaves nothing.
 */
export async function recordAddressLookup(
  table: TableRef,
  input: { addressHash: string; username: string | undefined; nowSeconds: number },
): Promise<void> {
  const { username } = input;
  const ttl = tableSchema.ttlAttribute;
  const lookup = table.client.send(
    new UpdateItemCommand({
      TableName: table.name,
      Key: linkItemKey({ addressHash: input.addressHash }),
      UpdateExpression: `SET #at = :now, ${ttl} = if_not_exists(${ttl}, :expiresAt)${username ? ", #user = :user" : " REMOVE #user"}`,
      ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT },
      ExpressionAttributeValues: {
        ":now": { N: String(input.nowSeconds) },
        ":expiresAt": { N: String(linkItemExpiry(input.nowSeconds)) },
        ...(username && { ":user": { S: username } }),
      },
    }),
  );
  await Promise.all([lookup, username && recordUserAddress(table, { username, addressHash: input.addressHash })]);
}
