import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { LOOKUP_AS_STORED, LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";
import { linkItemExpiry } from "./link-record.ts";
import { recordUserAddress } from "./record-user-address.ts";

/**
 * Records the account the pool, asked just now, named for this address (see AddressLookup): its
 * username, and whether it stores the address as normalized, and also (for revoking the user's links by
 * username) that the user's links are kept there. The user's address is written first and the lookup
 * only once it stands: a lookup that names the user spares later requests the pool and so this write,
 * and one recorded without it would leave their links out of reach of a revocation. The lookup lives as
 * long as its link item does (its TTL moves with every email), so an address nobody uses leaves
 * nothing. That the pool named nobody is recorded with the link's slot, see closeNobodysLink.
 */
export async function recordAddressLookup(
  table: TableRef,
  input: { addressHash: string; user: { username: string; asStored: boolean }; nowSeconds: number },
): Promise<void> {
  const { user } = input;
  const ttl = tableSchema.ttlAttribute;
  await recordUserAddress(table, { username: user.username, addressHash: input.addressHash });
  await table.client.send(
    new UpdateItemCommand({
      TableName: table.name,
      Key: linkItemKey({ addressHash: input.addressHash }),
      UpdateExpression: `SET #at = :now, ${ttl} = if_not_exists(${ttl}, :expiresAt), #user = :user, #asStored = :asStored`,
      ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT, "#asStored": LOOKUP_AS_STORED },
      ExpressionAttributeValues: {
        ":now": { N: String(input.nowSeconds) },
        ":expiresAt": { N: String(linkItemExpiry(input.nowSeconds)) },
        ":user": { S: user.username },
        ":asStored": { BOOL: user.asStored },
      },
    }),
  );
}
