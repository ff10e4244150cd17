import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeEmailCode } from "../magic-links/store/consume-email-code.ts";
import { consumeMagicLink } from "../magic-links/store/consume-magic-link.ts";
import { issueLinkRecord } from "../magic-links/store/issue-link-record.ts";
import { linkSlot } from "../magic-links/store/link-record.ts";
import { recordUserAddress } from "../magic-links/store/record-user-address.ts";
import { consumeSmsCode } from "../sms/store/consume-sms-code.ts";
import { putSmsCode } from "../sms/store/put-sms-code.ts";
import { linkItemKey } from "../table/item-keys.ts";
import { revokeSignIns } from "./revoke-sign-ins.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const t0 = 1_800_000_000;
const WIDTH = 60;
const clock = { now: () => (t0 + 300) * 1000 };
const now = t0 + 300;

/** Where the user's links are kept: as recordUserAddress records it when the pool names them. */
const addressOf = (username: string) => `address-of-${username}`;
/** A sign-in email issued at `at`, live for ten minutes: link `link-<at>`, code `code-<at>`. */
const email = async (username: string, at: number) => {
  await recordUserAddress(table, { username, addressHash: addressOf(username) });
  return issueLinkRecord(table, {
    subject: { addressHash: addressOf(username) },
    window: { width: WIDTH, ...linkSlot(at, WIDTH) },
    linkIdHash: `link-${at}`,
    codeHash: `code-${at}`,
    requesterHash: undefined,
    bound: false,
    nowSeconds: at,
    linkExpiresAt: at + 600,
    minSecondsBetweenEmails: 60,
    maxPerHour: 10,
  });
};
const link = (username: string, at: number) =>
  consumeMagicLink(table, {
    subject: { addressHash: addressOf(username) },
    slot: linkSlot(at, WIDTH).slot,
    linkIdHash: `link-${at}`,
    bindingHash: undefined,
    nowSeconds: now,
  });
const code = (username: string, at: number) =>
  consumeEmailCode(table, {
    subject: { addressHash: addressOf(username) },
    slot: linkSlot(at, WIDTH).slot,
    codeHash: `code-${at}`,
    charge: "daily",
    limits: { maxTries: 3, maxFailedPerDay: 10 },
    nowSeconds: now,
  });
const text = (username: string, browser: string, expiresAt = t0 + 600) =>
  putSmsCode(table, { subject: { username }, requesterHash: browser, codeHash: `sms-${browser}`, expiresAt });
const guess = (username: string, browser: string, guessHash = `sms-${browser}`) =>
  consumeSmsCode(table, { subject: { username }, requesterHash: browser, guessHash, maxTries: 3, nowSeconds: now });

describe("revokeSignIns", () => {
  it("ends every outstanding link and code of the user, emailed or texted, and no one else's", async () => {
    const [user, other] = [crypto.randomUUID(), crypto.randomUUID()];
    for (const at of [t0, t0 + 60, t0 + 120]) await email(user, at);
    await email(other, t0);
    await text(user, "browser-a");
    await text(user, "browser-b");
    await text(other, "browser-a");

    expect(await revokeSignIns({ table, clock }, user)).toEqual({ emails: 3, texts: 2 });
    for (const at of [t0, t0 + 60, t0 + 120]) {
      expect(await link(user, at)).toBe(false);
      expect(await code(user, at)).toBe(false);
    }
    expect(await guess(user, "browser-a")).toBe("not redeemable");
    expect(await guess(user, "browser-b")).toBe("not redeemable");
    expect(await link(other, t0)).toBe(true);
    expect(await guess(other, "browser-a")).toBe("redeemed");
  });

  it("counts only what could still redeem: not the expired, the used or the spent", async () => {
    const user = crypto.randomUUID();
    await email(user, t0 - 360); // expired by now
    await email(user, t0 + 60);
    await email(user, t0 + 120);
    expect(await link(user, t0 + 120)).toBe(true);
    await text(user, "expired", t0 + 100);
    await text(user, "used");
    expect(await guess(user, "used")).toBe("redeemed");
    await text(user, "spent");
    for (const wrong of ["w1", "w2", "w3"]) expect(await guess(user, "spent", wrong)).toBe("wrong");
    await text(user, "live");
    expect(await revokeSignIns({ table, clock }, user)).toEqual({ emails: 1, texts: 1 });
    expect(await code(user, t0 + 60)).toBe(false);
  });

  it("keeps the limits the link item holds: the gap between emails still stands", async () => {
    const user = crypto.randomUUID();
    await email(user, now - 10);
    await revokeSignIns({ table, clock }, user);
    expect(await email(user, now)).toEqual({ issued: false, retryAfter: expect.any(Number) });
    const { Item = {} } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: linkItemKey({ addressHash: addressOf(user) }) }),
    );
    expect(Object.keys(Item).filter((name) => name.startsWith("slot"))).toEqual([]);
    expect(Item.lastSentAt).toEqual({ N: String(now - 10) });
  });

  it("writes nothing for a user with nothing outstanding", async () => {
    const user = crypto.randomUUID();
    expect(await revokeSignIns({ table, clock }, user)).toEqual({ emails: 0, texts: 0 });
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: linkItemKey({ addressHash: addressOf(user) }) }),
    );
    expect(Item).toBeUndefined();
  });

  it("takes one read (where the links are), one update, one query and a delete per texted code", async () => {
    const user = crypto.randomUUID();
    await email(user, t0);
    await text(user, "browser-a");
    await text(user, "browser-b");
    table.calls.reset();
    await revokeSignIns({ table, clock }, user);
    expect(table.calls.byCommand).toEqual({
      GetItemCommand: 1,
      UpdateItemCommand: 1,
      QueryCommand: 1,
      DeleteItemCommand: 2,
    });
  });
});
