import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { linkItemKey, userAddressItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { LINK_SLOTS, slotAttributeList, slotAttributes } from "./link-record.ts";

/**
 * Empties every slot of the link item the user's links are kept in (the address recorded for them,
 * see recordUserAddress) in ONE write, so none of their outstanding links and codes (sign-in or
 * step-up) redeems any more; links under any other address redeem for nobody already (see
 * answerSubject). The limits the item keeps (the gap between emails, the hourly and daily counts)
 * stay as they are: revoking is no way round them. A user with no item gets none. Resolves with how
 * many slots held a link or code still live.
 */
export async function revokeUserLinks(table: TableRef, username: string, nowSeconds: number): Promise<number> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: userAddressItemKey(username), ConsistentRead: true }),
  );
  const addressHash = Item?.addressHash?.S;
  if (!addressHash) return 0;
  const slots = Array.from({ length: LINK_SLOTS }, (_, slot) => slot);
  try {
    const { Attributes = {} } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey({ addressHash }),
        UpdateExpression: `REMOVE ${slots.flatMap(slotAttributeList).join(", ")}`,
        ConditionExpression: `attribute_exists(${tableSchema.partitionKey})`,
        ReturnValues: "ALL_OLD",
      }),
    );
    return slots.filter((slot) => {
      const { code, expires } = slotAttributes(slot);
      return Attributes[code]?.S !== undefined && Number(Attributes[expires]?.N ?? 0) > nowSeconds;
    }).length;
  } catch (error) {
    if (isConditionFailure(error)) return 0;
    throw error;
  }
}
