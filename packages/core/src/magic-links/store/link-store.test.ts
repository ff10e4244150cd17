import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LinkSubject, linkItemKey } from "../../table/item-keys.ts";
import { tableSchema } from "../../table/table-schema.ts";
import { freshLookup } from "./address-lookup.ts";
import { closeNobodysLink } from "./close-nobodys-link.ts";
import type { CodeCharge } from "./code-charge.ts";
import { consumeEmailCode } from "./consume-email-code.ts";
import { consumeMagicLink } from "./consume-magic-link.ts";
import { countIpRequest } from "./count-ip-request.ts";
import { countWrongCode } from "./count-wrong-code.ts";
import { forgetAddressLookup } from "./forget-address-lookup.ts";
import { type IssueLinkInput, issueLinkRecord } from "./issue-link-record.ts";
import { LINK_SLOTS, linkSlot, linkSlotWidth } from "./link-record.ts";
import { readLinkSlots } from "./read-link-slots.ts";
import { recordAddressLookup } from "./record-address-lookup.ts";
import { revokeLinkRecord } from "./revoke-link-record.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const t0 = 1_800_000_000; // on an hour boundary
const WIDTH = 60;
let userCount = 0;
function newUser() {
  userCount += 1;
  return `user-${userCount}`;
}

const slotAt = (nowSeconds: number) => linkSlot(nowSeconds, WIDTH).slot;

function issue(username: string, change: Partial<IssueLinkInput> & { nowSeconds?: number } = {}) {
  const nowSeconds = change.nowSeconds ?? t0;
  return issueLinkRecord(table, {
    subject: { addressHash: username },
    window: { width: WIDTH, ...linkSlot(nowSeconds, WIDTH) },
    linkIdHash: "link-1",
    codeHash: "code-1",
    requesterHash: undefined,
    bound: false,
    nowSeconds,
    linkExpiresAt: nowSeconds + 600,
    minSecondsBetweenEmails: 60,
    maxPerHour: 10,
    ...change,
  });
}

const limits = { maxTries: 3, maxFailedPerDay: 2 };
const link = (username: string, options: { slot?: number; linkIdHash?: string; now?: number; binding?: string } = {}) =>
  consumeMagicLink(table, {
    subject: { addressHash: username },
    slot: options.slot ?? slotAt(t0),
    linkIdHash: options.linkIdHash ?? "link-1",
    nowSeconds: options.now ?? t0 + 1,
    bindingHash: options.binding,
  });
const code = (
  username: string,
  options: { slot?: number; codeHash?: string; now?: number; charge?: CodeCharge } = {},
) =>
  consumeEmailCode(table, {
    subject: { addressHash: username },
    slot: options.slot ?? slotAt(t0),
    codeHash: options.codeHash ?? "code-1",
    charge: options.charge ?? "daily",
    limits,
    nowSeconds: options.now ?? t0 + 1,
  });
const wrong = (subject: LinkSubject, charge: CodeCharge = "daily", nowSeconds = t0 + 1) =>
  countWrongCode(table, { subject, charge, limits, nowSeconds });
const read = (username: string, nowSeconds = t0 + 1) => readLinkSlots(table, { addressHash: username }, nowSeconds);

describe("link store", () => {
  it("redeems a link once, which also ends its code", async () => {
    const user = newUser();
    expect(await issue(user)).toMatchObject({ issued: true });
    expect(await link(user)).toBe(true);
    expect(await link(user)).toBe(false);
    expect(await code(user)).toBe(false);
  });

  it("redeems a code once, which also ends its link", async () => {
    const user = newUser();
    await issue(user);
    expect(await code(user)).toBe(true);
    expect(await code(user)).toBe(false);
    expect(await link(user)).toBe(false);
  });

  it("refuses a link or code after expiry", async () => {
    const user = newUser();
    await issue(user);
    expect(await link(user, { now: t0 + 600 })).toBe(false);
    expect(await code(user, { now: t0 + 600 })).toBe(false);
    expect((await read(user, t0 + 600)).live).toEqual([]);
  });

  it("refuses another link id, another slot and another user's link", async () => {
    const user = newUser();
    await issue(user);
    expect(await link(user, { linkIdHash: "link-2" })).toBe(false);
    expect(await link(user, { slot: (slotAt(t0) + 1) % LINK_SLOTS })).toBe(false);
    expect(await link(newUser())).toBe(false);
    expect(await link(user)).toBe(true);
  });

  it("keeps every link of the last ten minutes redeemable: a new one never revokes one", async () => {
    const user = newUser();
    const times = Array.from({ length: 10 }, (_, i) => t0 + i * 60);
    for (const [i, now] of times.entries()) {
      expect(await issue(user, { nowSeconds: now, linkIdHash: `link-${i}`, codeHash: `code-${i}` })).toMatchObject({
        issued: true,
      });
    }
    const now = t0 + 599;
    expect((await read(user, now)).live).toHaveLength(10);
    for (const [i, issuedAt] of times.entries()) {
      const redeem =
        i % 2 === 0
          ? link(user, { slot: slotAt(issuedAt), linkIdHash: `link-${i}`, now })
          : code(user, { slot: slotAt(issuedAt), codeHash: `code-${i}`, now });
      expect(await redeem).toBe(true);
    }
  });

  it("reuses a slot only once its link has expired", async () => {
    const user = newUser();
    await issue(user);
    const later = t0 + LINK_SLOTS * WIDTH;
    expect(slotAt(later)).toBe(slotAt(t0));
    expect(await issue(user, { nowSeconds: later, linkIdHash: "link-2", codeHash: "code-2" })).toMatchObject({
      issued: true,
    });
    expect(await link(user, { now: later })).toBe(false);
    expect(await link(user, { linkIdHash: "link-2", now: later })).toBe(true);
  });

  it("widens the windows when links outlive what the slots hold at the gap", () => {
    expect(linkSlotWidth({ minSecondsBetweenEmails: 60, expirySeconds: 600 })).toBe(60);
    expect(linkSlotWidth({ minSecondsBetweenEmails: 120, expirySeconds: 600 })).toBe(120);
    expect(linkSlotWidth({ minSecondsBetweenEmails: 60, expirySeconds: 3600 })).toBe(360);
  });

  it("sends one email per window, also when the gap is shorter than a window", async () => {
    const user = newUser();
    const width = 360;
    const at = (nowSeconds: number, linkIdHash: string) =>
      issue(user, {
        nowSeconds,
        window: { width, ...linkSlot(nowSeconds, width) },
        linkExpiresAt: nowSeconds + 3600,
        linkIdHash,
      });
    expect(await at(t0 + 10, "link-1")).toMatchObject({ issued: true });
    expect(await at(t0 + 100, "link-2")).toEqual({ issued: false, retryAfter: 260 });
    expect(await at(t0 + 360, "link-2")).toMatchObject({ issued: true });
  });

  it("weighs no more wrong codes than the daily budget, however many arrive at once", async () => {
    const user = newUser();
    await issue(user);
    const results = await Promise.all(Array.from({ length: 20 }, () => wrong({ addressHash: user })));
    expect(results.filter(Boolean)).toHaveLength(limits.maxFailedPerDay);
    expect((await read(user)).failedToday).toBe(limits.maxFailedPerDay);
    // The budget spent, a right code drawing on it is refused; the next day it is there again.
    expect(await code(user)).toBe(false);
    expect(await wrong({ addressHash: user }, "daily", t0 + 86_400)).toBe(true);
  });

  it("gives the asking browser tries of its own, which the daily budget does not touch", async () => {
    const user = newUser();
    await issue(user, { requesterHash: "browser-a" });
    for (let i = 0; i < 5; i++) await wrong({ addressHash: user });
    const own: CodeCharge = { slot: slotAt(t0), requesterHash: "browser-a" };
    expect(await wrong({ addressHash: user }, own)).toBe(true);
    expect(await wrong({ addressHash: user }, { ...own, requesterHash: "browser-b" })).toBe(false);
    expect((await read(user)).live).toEqual([
      { slot: slotAt(t0), codeHash: "code-1", requesterHash: "browser-a", tries: 1 },
    ]);
    expect(await code(user, { charge: own })).toBe(true);
  });

  it("allows the asking browser three wrong codes per email", async () => {
    const user = newUser();
    await issue(user, { requesterHash: "browser-a" });
    const own: CodeCharge = { slot: slotAt(t0), requesterHash: "browser-a" };
    const results = await Promise.all(Array.from({ length: 10 }, () => wrong({ addressHash: user }, own)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await code(user, { charge: own })).toBe(false);
    // Its link is untouched.
    expect(await link(user)).toBe(true);
  });

  it("redeems the right code once among concurrent copies of it", async () => {
    const user = newUser();
    await issue(user);
    const results = await Promise.all(Array.from({ length: 20 }, () => code(user)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await link(user)).toBe(false);
  });

  it("a new email starts its slot afresh: no tries or binding left over", async () => {
    const user = newUser();
    await issue(user, { requesterHash: "browser-a", bound: true });
    const later = t0 + LINK_SLOTS * WIDTH;
    await issue(user, { nowSeconds: later, linkIdHash: "link-2", codeHash: "code-2" });
    expect((await read(user, later)).live).toEqual([
      { slot: slotAt(later), codeHash: "code-2", requesterHash: undefined, tries: 0 },
    ]);
    expect(await link(user, { linkIdHash: "link-2", now: later })).toBe(true);
  });

  it("needs the asking browser's hash for a bound link", async () => {
    const user = newUser();
    await issue(user, { requesterHash: "browser-a", bound: true });
    expect(await link(user)).toBe(false);
    expect(await link(user, { binding: "browser-b" })).toBe(false);
    expect(await link(user, { binding: "browser-a" })).toBe(true);
  });

  it("takes an unbound link without a verifier, and not where one is required", async () => {
    const [first, second] = [newUser(), newUser()];
    await issue(first, { requesterHash: "browser-a" });
    await issue(second, { requesterHash: "browser-a" });
    expect(await link(first, { binding: "browser-a" })).toBe(false);
    expect(await link(second)).toBe(true);
  });

  it("keeps a minute between emails and says how long to wait", async () => {
    const user = newUser();
    await issue(user);
    expect(await issue(user, { nowSeconds: t0 + 20, linkIdHash: "link-2" })).toEqual({ issued: false, retryAfter: 40 });
    expect(await issue(user, { nowSeconds: t0 + 60, linkIdHash: "link-2" })).toMatchObject({ issued: true });
  });

  it("lets the very same write through again (the SDK retrying it after its answer was lost), once redeemable", async () => {
    const user = newUser();
    expect(await issue(user)).toMatchObject({ issued: true });
    expect(await issue(user)).toMatchObject({ issued: true });
    expect(await link(user)).toBe(true);
    expect(await link(user)).toBe(false);
  });

  it("caps emails per address per hour", async () => {
    const user = newUser();
    const cap = { maxPerHour: 5 };
    for (let i = 0; i < 5; i++)
      expect(await issue(user, { nowSeconds: t0 + i * 60, ...cap })).toMatchObject({ issued: true });
    expect(await issue(user, { nowSeconds: t0 + 5 * 60, ...cap })).toEqual({ issued: false, retryAfter: 3600 - 300 });
    expect(await issue(user, { nowSeconds: t0 + 3600, ...cap })).toMatchObject({ issued: true });
  });

  it("closes a link for nobody: its slot emptied, its send time kept, the lookup recorded as nobody", async () => {
    const user = newUser();
    await issue(user);
    await closeNobodysLink(table, {
      subject: { addressHash: user },
      slot: slotAt(t0),
      linkIdHash: "link-1",
      nowSeconds: t0,
    });
    expect(await code(user)).toBe(false);
    const again = await issue(user, { nowSeconds: t0 + 1, linkIdHash: "link-2" });
    expect(again).toEqual({ issued: false, retryAfter: 59 });
    const later = await issue(user, { nowSeconds: t0 + 60, linkIdHash: "link-3" });
    expect(freshLookup(later.issued ? later.previous : undefined, t0 + 60, 3600)).toEqual({
      username: undefined,
      asStored: false,
    });
  });

  it("answers each issue with the item as it was, whose fresh lookup names the address's user", async () => {
    const user = newUser();
    const first = await issue(user);
    expect(first).toEqual({ issued: true, previous: undefined });
    await recordAddressLookup(table, { addressHash: user, user: { username: "u-1", asStored: true }, nowSeconds: t0 });
    const second = await issue(user, { nowSeconds: t0 + 60, linkIdHash: "link-2" });
    const previous = second.issued ? second.previous : undefined;
    expect(freshLookup(previous, t0 + 60, 3600)).toEqual({ username: "u-1", asStored: true });
    expect(freshLookup(previous, t0 + 3600, 3600)).toBeUndefined();
    expect(freshLookup(previous, t0 - 1, 3600)).toBeUndefined();
    expect(await forgetAddressLookup(table, { addressHash: user, username: "u-2" })).toBe(false);
    expect(await forgetAddressLookup(table, { addressHash: user, username: "u-1" })).toBe(true);
    const third = await issue(user, { nowSeconds: t0 + 120, linkIdHash: "link-3" });
    expect(freshLookup(third.issued ? third.previous : undefined, t0 + 120, 3600)).toBeUndefined();
  });

  it("revokes a link whose email failed, and lets the user ask again", async () => {
    const user = newUser();
    await issue(user);
    await revokeLinkRecord(table, { addressHash: user }, { slot: slotAt(t0), linkIdHash: "link-1" });
    expect(await link(user)).toBe(false);
    expect(await code(user)).toBe(false);
    expect(await issue(user, { nowSeconds: t0 + 1 })).toMatchObject({ issued: true });
  });

  it("does not revoke another link", async () => {
    const user = newUser();
    await issue(user, { linkIdHash: "link-2" });
    await revokeLinkRecord(table, { addressHash: user }, { slot: slotAt(t0), linkIdHash: "link-1" });
    expect(await link(user, { linkIdHash: "link-2" })).toBe(true);
  });

  it("stores only hashes and counters", async () => {
    const user = newUser();
    await issue(user, { requesterHash: "b", bound: true });
    await wrong({ addressHash: user });
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: linkItemKey({ addressHash: user }) }),
    );
    const slot = `slot${slotAt(t0)}`;
    expect(Object.keys(Item ?? {}).sort()).toEqual(
      [
        `${slot}Bound`,
        `${slot}Code`,
        `${slot}Expires`,
        `${slot}Link`,
        `${slot}Requester`,
        `${slot}Tries`,
        `failed${Math.floor(t0 / 86_400)}`,
        "lastSentAt",
        tableSchema.ttlAttribute,
        tableSchema.partitionKey,
        `sent${t0 / 3600}`,
        tableSchema.sortKey,
      ].sort(),
    );
    // It outlives the day, so the day's count of wrong codes holds all day.
    expect(Number(Item?.[tableSchema.ttlAttribute]?.N)).toBe((Math.floor(t0 / 86_400) + 2) * 86_400);
  });

  it("caps requests per IP per hour, and per address from one IP", async () => {
    const input = { ipHash: "ip-1", addressHash: "a", nowSeconds: t0 + 10, maxPerHour: 3, maxPerAddress: 2 };
    expect(await countIpRequest(table, input)).toEqual({ allowed: true });
    expect(await countIpRequest(table, input)).toEqual({ allowed: true });
    expect(await countIpRequest(table, input)).toEqual({ allowed: false, retryAfter: 3590 });
    expect(await countIpRequest(table, { ...input, ipHash: "ip-2" })).toEqual({ allowed: true });
    expect(await countIpRequest(table, { ...input, addressHash: "b" })).toEqual({ allowed: true });
    expect(await countIpRequest(table, { ...input, addressHash: "c" })).toEqual({ allowed: false, retryAfter: 3590 });
    expect(await countIpRequest(table, { ...input, nowSeconds: t0 + 3600 })).toEqual({ allowed: true });
  });

  it("issues and redeems a link with one DynamoDB call each", async () => {
    table.calls.reset();
    const user = newUser();
    await issue(user);
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    table.calls.reset();
    expect(await link(user)).toBe(true);
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
  });
});
