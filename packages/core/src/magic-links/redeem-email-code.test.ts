import { randomUUID } from "node:crypto";
import { TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, testLinkContext } from "@latchkey/testkit/magic-links";
import { type CallCounter, startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedeemEmailCodeContext, redeemEmailCode } from "./redeem-email-code.ts";
import { redeemMagicLink } from "./redeem-magic-link.ts";

let table: TestTable;
let calls: CallCounter;
beforeAll(async () => {
  table = await startTestTable();
  calls = table.calls;
});
afterAll(() => table.close());

const context = () => testLinkContext(table);
const redeem = (ctx: RedeemEmailCodeContext, username: string, code: string) =>
  redeemEmailCode(ctx, { username, code });
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
const refused = (reason: string) => ({ ok: false, reason });

describe("redeemEmailCode", () => {
  it("redeems the code once, with one DynamoDB call, and that kills the link", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token, code } = await issueTestLink(ctx, user);
    calls.reset();
    expect(await redeem(ctx, user, code)).toEqual({ ok: true });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await redeem(ctx, user, code)).toEqual(refused("code not redeemable"));
    const link = { username: user, token, clientId: TEST_CLIENT, linkVerifier: undefined };
    expect(await redeemMagicLink(ctx, link)).toEqual(refused("link not redeemable"));
  });

  it("allows three wrong codes, one DynamoDB call each, then refuses even the right one", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    for (let i = 0; i < 3; i++) {
      calls.reset();
      expect(await redeem(ctx, user, wrongCode(code))).toEqual(refused("wrong code"));
      expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    }
    expect(await redeem(ctx, user, code)).toEqual(refused("code not redeemable"));
  });

  it("counts wrong tries per issued code: a new code starts again", async () => {
    const ctx = context();
    const user = randomUUID();
    const first = await issueTestLink(ctx, user);
    for (let i = 0; i < 3; i++) await redeem(ctx, user, wrongCode(first.code));
    const second = await issueTestLink(ctx, user);
    expect(await redeem(ctx, user, first.code)).toEqual(refused("wrong code"));
    expect(await redeem(ctx, user, second.code)).toEqual({ ok: true });
  });

  it("refuses an expired code", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    ctx.clock.ms += ctx.config.magicLinks.expirySeconds * 1000;
    expect(await redeem(ctx, user, code)).toEqual(refused("code not redeemable"));
  });

  it("refuses user A's code entered for user B", async () => {
    const ctx = context();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const { code } = await issueTestLink(ctx, alice);
    await issueTestLink(ctx, bob);
    expect(await redeem(ctx, bob, code)).toEqual(refused("wrong code"));
    expect(await redeem(ctx, alice, code)).toEqual({ ok: true });
  });

  it("refuses a code for a user with none outstanding", async () => {
    const ctx = context();
    expect(await redeem(ctx, randomUUID(), "123456")).toEqual(refused("code not redeemable"));
  });

  it.each([
    ["short", "12345"],
    ["letters", "12a456"],
    ["padded", " 123456"],
    ["long", "1234567"],
  ])("refuses a %s answer without touching DynamoDB or a try", async (_name, code) => {
    const ctx = context();
    calls.reset();
    expect(await redeem(ctx, randomUUID(), code)).toEqual(refused("code malformed"));
    expect(calls.total()).toBe(0);
  });

  it("gives exactly one success to 50 concurrent redemptions of the right code", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    const results = await Promise.all(Array.from({ length: 50 }, () => redeem(ctx, user, code)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(Array(49).fill(refused("code not redeemable")));
  });

  it("fails closed: a broken table throws, and the code stays redeemable", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    const broken = { ...ctx, table: { client: table.client, name: "no-such-table" } };
    await expect(redeem(broken, user, code)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    expect(await redeem(ctx, user, code)).toEqual({ ok: true });
  });
});
