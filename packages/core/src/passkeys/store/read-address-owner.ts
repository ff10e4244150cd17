import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { addressOwnerItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";

/**
 * The username whose passkeys sign-in options list for this address, if anyone's (one eventually
 * consistent read: the owner changes only when the address moves between accounts).
 */
export async function readAddressOwner(table: TableRef, addressHash: string): Promise<string | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({
      TableName: table.name,
      Key: addressOwnerItemKey(addressHash),
      ProjectionExpression: "username",
    }),
  );
  return Item?.username?.S;
}
