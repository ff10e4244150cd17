import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { userAddressItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";

/**
 * Records under which address's item the user's links are now kept (see revokeUserLinks). Only the
 * address the pool names for the user is recorded, so the item is small and never expires: one a user.
 */
export async function recordUserAddress(
  table: TableRef,
  input: { username: string; addressHash: string },
): Promise<void> {
  await table.client.send(
    new PutItemCommand({
      TableName: table.name,
      Item: { ...userAddressItemKey(input.username), addressHash: { S: input.addressHash } },
    }),
  );
}
