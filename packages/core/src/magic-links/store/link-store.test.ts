import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkItemKey } from "../../table/item-keys.ts";
import { tableSchema } from "../../table/table-schema.ts";
import { consumeEmailCode } from "./consume-email-code.ts";
import { consumeMagicLink } from "./consume-magic-link.ts";
import { countIpRequest } from "./count-ip-request.ts";
import { type IssueLinkInput, issueLinkRecord } from "./issue-link-record.ts";
import { revokeLinkRecord } from "./revoke-link-record.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const t0 = 1_800_000_000; // on an hour boundary
let userCount = 0;
function newUser() {
  userCount += 1;
  return `user-${userCount}`;
}

function issue(username: string, change: Partial<IssueLinkInput> = {}) {
  return issueLinkRecord(table, {
    subject: { username },
    linkIdHash: "link-1",
    codeHash: "code-1",
    bindingHash: undefined,
    nowSeconds: t0,
    linkExpiresAt: t0 + 600,
    minSecondsBetweenEmails: 60,
    maxPerHour: 5,
    ...change,
  });
}

const link = (username: string, linkIdHash = "link-1", nowSeconds = t0 + 1, bindingHash?: string) =>
  consumeMagicLink(table, { username, linkIdHash, nowSeconds, bindingHash });
const code = (username: string, codeHash = "code-1", nowSeconds = t0 + 1) =>
  consumeEmailCode(table, { username, codeHash, nowSeconds });

describe("link store", () => {
  it("redeems a link once, which also kills the code", async () => {
    const user = newUser();
    expect(await issue(user)).toEqual({ issued: true });
    expect(await link(user)).toBe(true);
    expect(await link(user)).toBe(false);
    expect(await code(user)).toBe("dead");
  });

  it("redeems a code once, which also kills the link", async () => {
    const user = newUser();
    await issue(user);
    expect(await code(user)).toBe("redeemed");
    expect(await code(user)).toBe("dead");
    expect(await link(user)).toBe(false);
  });

  it("refuses a link or code after expiry", async () => {
    const user = newUser();
    await issue(user);
    expect(await link(user, "link-1", t0 + 600)).toBe(false);
    expect(await code(user, "code-1", t0 + 600)).toBe("dead");
  });

  it("refuses another link id and another user's link", async () => {
    const user = newUser();
    await issue(user);
    expect(await link(user, "link-2")).toBe(false);
    expect(await link(newUser(), "link-1")).toBe(false);
    expect(await link(user)).toBe(true);
  });

  it("allows three wrong codes, then the code is dead even when right", async () => {
    const user = newUser();
    await issue(user);
    for (let i = 0; i < 3; i++) expect(await code(user, `wrong-${i}`)).toBe("wrong");
    expect(await code(user, "code-1")).toBe("dead");
    // The link of that issuance still works: only the code is limited.
    expect(await link(user)).toBe(true);
  });

  it("weighs no more than three guesses per code, however many arrive at once", async () => {
    const user = newUser();
    await issue(user);
    // Thirty different guesses at once, the right one fifth: only the first three are weighed, all wrong.
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 4 ? "code-1" : `wrong-${i}`));
    const results = await Promise.all(guesses.map((guess) => code(user, guess)));
    expect(results.filter((result) => result === "wrong")).toHaveLength(3);
    expect(results.filter((result) => result === "dead")).toHaveLength(27);
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: linkItemKey({ username: user }) }),
    );
    expect(Item?.codeTries?.N).toBe("3");
    expect(await code(user, "code-1")).toBe("dead");
  });

  it("redeems the right code once among concurrent copies of it", async () => {
    const user = newUser();
    await issue(user);
    const results = await Promise.all(Array.from({ length: 20 }, () => code(user)));
    expect(results.filter((result) => result === "redeemed")).toHaveLength(1);
    expect(results.filter((result) => result === "dead")).toHaveLength(19);
    expect(await link(user)).toBe(false);
  });

  it("forgets the last guess when it issues a new code, even a code equal to that guess", async () => {
    // A leftover guess equal to the new code would make the new code and link look redeemed.
    const [forCode, forLink] = [newUser(), newUser()];
    for (const user of [forCode, forLink]) {
      await issue(user);
      expect(await code(user, "code-2")).toBe("wrong");
      await issue(user, { linkIdHash: "link-2", codeHash: "code-2", nowSeconds: t0 + 60 });
    }
    expect(await code(forCode, "code-2", t0 + 61)).toBe("redeemed");
    expect(await link(forLink, "link-2", t0 + 61)).toBe(true);
  });

  it("grants the right code after two wrong ones", async () => {
    const user = newUser();
    await issue(user);
    expect(await code(user, "wrong")).toBe("wrong");
    expect(await code(user, "wrong")).toBe("wrong");
    expect(await code(user, "code-1")).toBe("redeemed");
  });

  it("a new link revokes the outstanding one and resets the tries", async () => {
    const user = newUser();
    await issue(user);
    await code(user, "wrong");
    await code(user, "wrong");
    await code(user, "wrong");
    expect(await issue(user, { linkIdHash: "link-2", codeHash: "code-2", nowSeconds: t0 + 60 })).toEqual({
      issued: true,
    });
    expect(await link(user, "link-1", t0 + 61)).toBe(false);
    expect(await code(user, "code-1", t0 + 61)).toBe("wrong");
    expect(await code(user, "code-2", t0 + 61)).toBe("redeemed");
  });

  it("needs the binding hash for a bound link", async () => {
    const user = newUser();
    await issue(user, { bindingHash: "browser-a" });
    expect(await link(user, "link-1", t0 + 1, undefined)).toBe(false);
    expect(await link(user, "link-1", t0 + 1, "browser-b")).toBe(false);
    expect(await link(user, "link-1", t0 + 1, "browser-a")).toBe(true);
  });

  it("a bound link's code works from anywhere", async () => {
    const user = newUser();
    await issue(user, { bindingHash: "browser-a" });
    expect(await code(user)).toBe("redeemed");
  });

  it("gives exactly one success to 50 concurrent redemptions", async () => {
    const user = newUser();
    await issue(user);
    const results = await Promise.all(Array.from({ length: 50 }, () => link(user)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("keeps a minute between emails and says how long to wait", async () => {
    const user = newUser();
    await issue(user);
    expect(await issue(user, { nowSeconds: t0 + 20 })).toEqual({ issued: false, retryAfter: 40 });
    expect(await issue(user, { nowSeconds: t0 + 60 })).toEqual({ issued: true });
  });

  it("caps emails per address per hour", async () => {
    const user = newUser();
    for (let i = 0; i < 5; i++) expect(await issue(user, { nowSeconds: t0 + i * 60 })).toEqual({ issued: true });
    expect(await issue(user, { nowSeconds: t0 + 5 * 60 })).toEqual({ issued: false, retryAfter: 3600 - 300 });
    expect(await issue(user, { nowSeconds: t0 + 3600 })).toEqual({ issued: true });
  });

  it("keys addresses without a user by their hash, with the same limits", async () => {
    const subject = { addressHash: "hash-of-nobody@example.com" };
    expect(await issue("", { subject })).toEqual({ issued: true });
    expect(await issue("", { subject, nowSeconds: t0 + 1 })).toEqual({ issued: false, retryAfter: 59 });
  });

  it("revokes a link whose email failed, and lets the user ask again", async () => {
    const user = newUser();
    await issue(user);
    await revokeLinkRecord(table, { username: user }, "link-1");
    expect(await link(user)).toBe(false);
    expect(await code(user)).toBe("dead");
    expect(await issue(user, { nowSeconds: t0 + 1 })).toEqual({ issued: true });
  });

  it("does not revoke a newer link", async () => {
    const user = newUser();
    await issue(user, { linkIdHash: "link-2" });
    await revokeLinkRecord(table, { username: user }, "link-1");
    expect(await link(user, "link-2")).toBe(true);
  });

  it("stores only hashes and counters", async () => {
    const user = newUser();
    await issue(user, { bindingHash: "b" });
    const { Item } = await table.client.send(
      new GetItemCommand({ TableName: table.name, Key: linkItemKey({ username: user }) }),
    );
    expect(Object.keys(Item ?? {}).sort()).toEqual(
      [
        "bindingHash",
        "codeHash",
        "codeTries",
        tableSchema.ttlAttribute,
        "lastSentAt",
        "linkExpiresAt",
        "linkIdHash",
        tableSchema.partitionKey,
        `sent${t0 / 3600}`,
        tableSchema.sortKey,
      ].sort(),
    );
  });

  it("caps requests per IP per hour", async () => {
    const input = { ipHash: "ip-1", nowSeconds: t0 + 10, maxPerHour: 2 };
    expect(await countIpRequest(table, input)).toEqual({ allowed: true });
    expect(await countIpRequest(table, input)).toEqual({ allowed: true });
    expect(await countIpRequest(table, input)).toEqual({ allowed: false, retryAfter: 3590 });
    expect(await countIpRequest(table, { ...input, nowSeconds: t0 + 3600 })).toEqual({ allowed: true });
  });

  it("redeems with one DynamoDB call, and a wrong code costs one too", async () => {
    table.calls.reset();
    const user = newUser();
    await issue(user);
    expect(table.calls.total()).toBe(1);
    table.calls.reset();
    expect(await link(user)).toBe(true);
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    await issue(user, { nowSeconds: t0 + 60 });
    table.calls.reset();
    expect(await code(user, "code-1", t0 + 61)).toBe("redeemed");
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    table.calls.reset();
    await issue(user, { nowSeconds: t0 + 120 });
    table.calls.reset();
    expect(await code(user, "wrong", t0 + 121)).toBe("wrong");
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
  });
});
