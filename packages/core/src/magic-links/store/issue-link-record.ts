import { type AttributeValue, GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { hourAttribute, linkItemExpiry, slotAttributes } from "./link-record.ts";

export interface IssueLinkInput {
  subject: LinkSubject;
  /** The time window the link is issued in, its slot, and the windows' width (see linkSlot). */
  window: { slot: number; start: number; width: number };
  linkIdHash: string;
  codeHash: string;
  /** SHA-256 of the requesting browser's verifier, when it sent one. */
  requesterHash: string | undefined;
  /** Whether the link opens only in that browser (same-browser binding). */
  bound: boolean;
  nowSeconds: number;
  linkExpiresAt: number;
  minSecondsBetweenEmails: number;
  maxPerHour: number;
}

/** Issued, with the item as it was before (whose lookup the caller may use: see freshLookup), or refused. */
export type IssueResult =
  | { issued: true; previous: Record<string, AttributeValue> | undefined }
  | { issued: false; retryAfter: number };

/**
 * Stores a new link and code in the slot of its time window, in one conditional write that also keeps
 * the gap between emails, one email per window and the hourly cap per address. Links issued before
 * stay redeemable: the slot's previous link has expired (see linkSlot). A retry of the same write
 * (its answer lost) passes, counting the email twice in the hour, rather than refusing its own link.
 * The write returns the item as it was, so the address's lookup costs no call of its own.
 */
export async function issueLinkRecord(table: TableRef, input: IssueLinkInput): Promise<IssueResult> {
  const { nowSeconds } = input;
  const { link, code, expires, tries, requester, bound } = slotAttributes(input.window.slot);
  const keepRequester = input.requesterHash !== undefined;
  const set = [
    `${link} = :linkIdHash`,
    `${code} = :codeHash`,
    `${expires} = :linkExpiresAt`,
    `${tries} = :zero`,
    "lastSentAt = :now",
    `${tableSchema.ttlAttribute} = :expiresAt`,
    ...(keepRequester ? [`${requester} = :requester`] : []),
    ...(input.bound ? [`${bound} = :true`] : []),
  ];
  const remove = ["#previousHour", ...(keepRequester ? [] : [requester]), ...(input.bound ? [] : [bound])];
  try {
    const { Attributes } = await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: linkItemKey(input.subject),
        UpdateExpression: `SET ${set.join(", ")} ADD #hour :one REMOVE ${remove.join(", ")}`,
        // Or the slot holds this very link: the SDK retrying this write after its answer was lost.
        ConditionExpression: `((attribute_not_exists(lastSentAt) OR (lastSentAt <= :gapStart AND lastSentAt < :windowStart)) AND (attribute_not_exists(#hour) OR #hour < :maxPerHour)) OR ${link} = :linkIdHash`,
        ExpressionAttributeNames: { "#hour": hourAttribute(nowSeconds), "#previousHour": hourAttribute(nowSeconds, 1) },
        ExpressionAttributeValues: {
          ":linkIdHash": { S: input.linkIdHash },
          ":codeHash": { S: input.codeHash },
          ":zero": { N: "0" },
          ":one": { N: "1" },
          ":linkExpiresAt": { N: String(input.linkExpiresAt) },
          ":now": { N: String(nowSeconds) },
          ":expiresAt": { N: String(linkItemExpiry(nowSeconds)) },
          ":gapStart": { N: String(nowSeconds - input.minSecondsBetweenEmails) },
          ":windowStart": { N: String(input.window.start) },
          ":maxPerHour": { N: String(input.maxPerHour) },
          ...(keepRequester && { ":requester": { S: input.requesterHash as string } }),
          ...(input.bound && { ":true": { BOOL: true } }),
        },
        ReturnValues: "ALL_OLD",
      }),
    );
    return { issued: true, previous: Attributes };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { issued: false, retryAfter: await retryAfter(table, input) };
  }
}

/** Seconds until the limit that refused a request lifts; read only on that (rare) path. */
async function retryAfter(table: TableRef, input: IssueLinkInput): Promise<number> {
  const { nowSeconds, window } = input;
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: linkItemKey(input.subject), ConsistentRead: true }),
  );
  const lastSentAt = Number(Item?.lastSentAt?.N ?? 0);
  const sentThisHour = Number(Item?.[hourAttribute(nowSeconds)]?.N ?? 0);
  const gapWait = lastSentAt + input.minSecondsBetweenEmails - nowSeconds;
  const windowWait = lastSentAt >= window.start ? window.start + window.width - nowSeconds : 0;
  const hourWait = sentThisHour >= input.maxPerHour ? 3600 - (nowSeconds % 3600) : 0;
  return Math.max(1, gapWait, windowWait, hourWait);
}
