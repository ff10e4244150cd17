import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import type { TableRef } from "../../table/table-schema.ts";
import { dayAttribute, LINK_SLOTS, slotAttributes } from "./link-record.ts";

/** An outstanding link and code: its slot, its code's hash, who asked for it, and wrong codes typed there. */
export interface LiveSlot {
  slot: number;
  codeHash: string;
  requesterHash: string | undefined;
  tries: number;
}

export interface LinkSlots {
  live: LiveSlot[];
  /** Wrong codes today, typed anywhere but in the browser that asked. */
  failedToday: number;
}

/** The subject's unexpired links and codes and today's wrong codes, in one consistent read. */
export async function readLinkSlots(table: TableRef, subject: LinkSubject, nowSeconds: number): Promise<LinkSlots> {
  const { Item = {} } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: linkItemKey(subject), ConsistentRead: true }),
  );
  const live: LiveSlot[] = [];
  for (let slot = 0; slot < LINK_SLOTS; slot++) {
    const names = slotAttributes(slot);
    const codeHash = Item[names.code]?.S;
    if (!codeHash || Number(Item[names.expires]?.N ?? 0) <= nowSeconds) continue;
    live.push({
      slot,
      codeHash,
      requesterHash: Item[names.requester]?.S,
      tries: Number(Item[names.tries]?.N ?? 0),
    });
  }
  return { live, failedToday: Number(Item[dayAttribute(nowSeconds)]?.N ?? 0) };
}
