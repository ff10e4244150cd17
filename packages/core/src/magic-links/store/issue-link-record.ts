import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { isConditionFailure } from "../../table/is-condition-failure.ts";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import { type TableRef, tableSchema } from "../../table/table-schema.ts";
import { hourAttribute } from "./link-record.ts";

export interface IssueLinkInput {
  subject: LinkSubject;
  linkIdHash: string;
  codeHash: string;
  /** SHA-256 of the requesting browser's verifier, for same-browser links. */
  bindingHash: string | undefined;
  nowSeconds: number;
  linkExpiresAt: number;
  minSecondsBetweenEmails: number;
  maxPerHour: number;
}

export type IssueResult = { issued: true } | { issued: false; retryAfter: number };

/**
 * Stores a new link and code for the subject, replacing (so revoking) any outstanding one, in one
 * conditional write that also enforces the per-user gap and the hourly cap per address.
 */
export async function issueLinkRecord(table: TableRef, input: IssueLinkInput): Promise<IssueResult> {
  const { nowSeconds } = input;
  const key = linkItemKey(input.subject);
  const names = { "#hour": hourAttribute(nowSeconds), "#previousHour": hourAttribute(nowSeconds, 1) };
  const set = [
    "linkIdHash = :linkIdHash",
    "codeHash = :codeHash",
    "codeTries = :zero",
    "linkExpiresAt = :linkExpiresAt",
    "lastSentAt = :now",
    `${tableSchema.ttlAttribute} = :expiresAt`,
    ...(input.bindingHash ? ["bindingHash = :bindingHash"] : []),
  ];
  const remove = ["#previousHour", "codeGuess", ...(input.bindingHash ? [] : ["bindingHash"])];
  try {
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.name,
        Key: key,
        UpdateExpression: `SET ${set.join(", ")} ADD #hour :one REMOVE ${remove.join(", ")}`,
        ConditionExpression:
          "(attribute_not_exists(lastSentAt) OR lastSentAt <= :gapStart) AND (attribute_not_exists(#hour) OR #hour < :maxPerHour)",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ":linkIdHash": { S: input.linkIdHash },
          ":codeHash": { S: input.codeHash },
          ":zero": { N: "0" },
          ":one": { N: "1" },
          ":linkExpiresAt": { N: String(input.linkExpiresAt) },
          ":now": { N: String(nowSeconds) },
          // The item outlives the link by the rate-limit window; TTL removes it afterwards.
          ":expiresAt": { N: String(Math.max(input.linkExpiresAt, nowSeconds + 3600) + 60) },
          ":gapStart": { N: String(nowSeconds - input.minSecondsBetweenEmails) },
          ":maxPerHour": { N: String(input.maxPerHour) },
          ...(input.bindingHash && { ":bindingHash": { S: input.bindingHash } }),
        },
      }),
    );
    return { issued: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { issued: false, retryAfter: await retryAfter(table, input) };
  }
}

/** Seconds until the limit that refused a request lifts; read only on that (rare) path. */
async function retryAfter(table: TableRef, input: IssueLinkInput): Promise<number> {
  const { nowSeconds } = input;
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.name, Key: linkItemKey(input.subject), ConsistentRead: true }),
  );
  const lastSentAt = Number(Item?.lastSentAt?.N ?? 0);
  const sentThisHour = Number(Item?.[hourAttribute(nowSeconds)]?.N ?? 0);
  const gapWait = lastSentAt + input.minSecondsBetweenEmails - nowSeconds;
  const hourWait = sentThisHour >= input.maxPerHour ? 3600 - (nowSeconds % 3600) : 0;
  return Math.max(1, gapWait, hourWait);
}
