import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { type AddressLookup, freshLookup, LOOKUP_AS_STORED, LOOKUP_AT, LOOKUP_USER } from "./address-lookup.ts";

/** The address's fresh lookup (one eventually consistent read), if it has one. */
export async function readAddressLookup(
  table: TableRef,
  addressHash: string,
  now: { nowSeconds: number; maxAgeSeconds: number },
): Promise<AddressLookup | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({
      TableName: table.name,
      Key: linkItemKey({ addressHash }),
      ProjectionExpression: "#user, #at, #asStored",
      ExpressionAttributeNames: { "#user": LOOKUP_USER, "#at": LOOKUP_AT, "#asStored": LOOKUP_AS_STORED },
    }),
  );
  return freshLookup(Item, now.nowSeconds, now.maxAgeSeconds);
}
