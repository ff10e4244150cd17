import { randomUUID } from "node:crypto";
import { OTHER_TEST_CLIENT, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, newVerifier, testEmailOf, testLinkContext } from "@latchkey/testkit/magic-links";
import { type CallCounter, startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmailCodeAttempt, type RedeemEmailCodeContext, redeemEmailCode } from "./redeem-email-code.ts";
import { redeemMagicLink } from "./redeem-magic-link.ts";

let table: TestTable;
let calls: CallCounter;
beforeAll(async () => {
  table = await startTestTable();
  calls = table.calls;
});
afterAll(() => table.close());

const context = () => testLinkContext(table);
const redeem = (ctx: RedeemEmailCodeContext, username: string, code: string, change: Partial<EmailCodeAttempt> = {}) =>
  redeemEmailCode(ctx, {
    username,
    userNotFound: false,
    verifiedEmail: testEmailOf(username),
    clientId: TEST_CLIENT,
    code,
    linkVerifier: undefined,
    ...change,
  });
const wrongCode = (code: string, by = 1) => String((Number(code) + by) % 1_000_000).padStart(6, "0");
const refused = (reason: string) => ({ ok: false, reason });
const linkOf = (username: string, token: string) => ({
  username,
  userNotFound: false,
  verifiedEmail: testEmailOf(username),
  token,
  clientId: TEST_CLIENT,
  linkVerifier: undefined,
});

describe("redeemEmailCode", () => {
  it("redeems the code once, with one read and one write, and that ends its link", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token, code } = await issueTestLink(ctx, user);
    calls.reset();
    expect(await redeem(ctx, user, code)).toEqual({ ok: true });
    expect(calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
    expect(await redeem(ctx, user, code)).toEqual(refused("wrong code"));
    expect(await redeemMagicLink(ctx, linkOf(user, token))).toEqual(refused("link not redeemable"));
  });

  it("refuses a code mailed to an address the account has left, and takes it back there", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    expect(await redeem(ctx, user, code, { verifiedEmail: "moved@example.com" })).toEqual(refused("wrong code"));
    expect(await redeem(ctx, user, code, { verifiedEmail: undefined })).toEqual(refused("wrong code"));
    expect(await redeem(ctx, user, code)).toEqual({ ok: true });
  });

  it("goes with the address: the account whose verified email it is now redeems it, and only that one", async () => {
    const ctx = context();
    const [user, holder] = [randomUUID(), randomUUID()];
    const { code } = await issueTestLink(ctx, user);
    // The pool lets one account at a time hold a verified address; whoever reads its mail holds it.
    const other = { username: holder, verifiedEmail: `${holder}@example.com` };
    expect(await redeem(ctx, holder, code, other)).toEqual(refused("wrong code"));
    expect(await redeem(ctx, holder, code, { verifiedEmail: testEmailOf(user) })).toEqual({ ok: true });
  });

  it("counts a wrong code with one read and one write, and still takes the right one after three", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    for (let i = 1; i <= 3; i++) {
      calls.reset();
      expect(await redeem(ctx, user, wrongCode(code, i))).toEqual(refused("wrong code"));
      expect(calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
    }
    expect(await redeem(ctx, user, code)).toEqual({ ok: true });
  });

  it("takes the code of every email of the last minutes, not only the newest", async () => {
    const ctx = context();
    const user = randomUUID();
    const first = await issueTestLink(ctx, user);
    ctx.clock.ms += 60_000;
    const second = await issueTestLink(ctx, user);
    expect(await redeem(ctx, user, first.code)).toEqual({ ok: true });
    expect(await redeemMagicLink(ctx, linkOf(user, second.token))).toEqual({ ok: true });
  });

  it("stops wrong codes from anywhere at the daily budget, sparing links", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token, code } = await issueTestLink(ctx, user);
    const budget = ctx.config.magicLinks.maxFailedCodesPerDay;
    for (let i = 1; i <= budget; i++)
      expect(await redeem(ctx, user, wrongCode(code, i))).toEqual(refused("wrong code"));
    calls.reset();
    expect(await redeem(ctx, user, wrongCode(code, budget + 1))).toEqual(refused("too many wrong codes"));
    expect(await redeem(ctx, user, code)).toEqual(refused("too many wrong codes"));
    expect(calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand", "GetItemCommand", "UpdateItemCommand"]);
    expect(await redeemMagicLink(ctx, linkOf(user, token))).toEqual({ ok: true });
  });

  it("gives the browser that asked three tries of its own, which wrong codes from elsewhere leave alone", async () => {
    const ctx = context();
    const user = randomUUID();
    const verifier = newVerifier();
    const { code } = await issueTestLink(ctx, user, { verifier, bound: false });
    const budget = ctx.config.magicLinks.maxFailedCodesPerDay;
    for (let i = 1; i <= budget + 5; i++) await redeem(ctx, user, wrongCode(code, i));
    expect(await redeem(ctx, user, code)).toEqual(refused("too many wrong codes"));
    for (let i = 1; i <= 2; i++) {
      expect(await redeem(ctx, user, wrongCode(code, i), { linkVerifier: verifier })).toEqual(refused("wrong code"));
    }
    expect(await redeem(ctx, user, code, { linkVerifier: verifier })).toEqual({ ok: true });
  });

  it("after the asking browser's three tries, draws on the daily budget there too", async () => {
    const ctx = context();
    const user = randomUUID();
    const verifier = newVerifier();
    const { code } = await issueTestLink(ctx, user, { verifier, bound: false });
    for (let i = 1; i <= 3; i++) await redeem(ctx, user, wrongCode(code, i), { linkVerifier: verifier });
    expect(await redeem(ctx, user, code, { linkVerifier: verifier })).toEqual({ ok: true });
  });

  it("gives another browser's verifier nothing of its own", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user, { verifier: newVerifier(), bound: false });
    const budget = ctx.config.magicLinks.maxFailedCodesPerDay;
    for (let i = 1; i <= budget; i++) await redeem(ctx, user, wrongCode(code, i));
    expect(await redeem(ctx, user, code, { linkVerifier: newVerifier() })).toEqual(refused("too many wrong codes"));
    expect(await redeem(ctx, user, code, { linkVerifier: "not-a-verifier" })).toEqual(refused("too many wrong codes"));
  });

  it("takes a code only through the app client its email was asked for", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user, { clientId: OTHER_TEST_CLIENT });
    expect(await redeem(ctx, user, code)).toEqual(refused("wrong code"));
    expect(await redeem(ctx, user, code, { clientId: OTHER_TEST_CLIENT })).toEqual({ ok: true });
  });

  it("refuses an expired code", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    ctx.clock.ms += ctx.config.magicLinks.expirySeconds * 1000;
    expect(await redeem(ctx, user, code)).toEqual(refused("wrong code"));
  });

  it("refuses user A's code entered for user B", async () => {
    const ctx = context();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const { code } = await issueTestLink(ctx, alice);
    await issueTestLink(ctx, bob);
    expect(await redeem(ctx, bob, code)).toEqual(refused("wrong code"));
    expect(await redeem(ctx, alice, code)).toEqual({ ok: true });
  });

  it("takes the same read and write for a user Cognito did not find, and never says yes", async () => {
    const ctx = context();
    const known = randomUUID();
    const { code } = await issueTestLink(ctx, known);
    calls.reset();
    expect(await redeem(ctx, known, wrongCode(code))).toEqual(refused("wrong code"));
    const knownCalls = [...calls.sent];
    calls.reset();
    expect(await redeem(ctx, "nobody@example.com", wrongCode(code), { userNotFound: true })).toEqual(
      refused("wrong code"),
    );
    expect(calls.sent).toEqual(knownCalls);
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
    expect(results.filter((result) => !result.ok).length).toBe(49);
  });

  it("weighs no more wrong codes than the budget among 50 concurrent ones", async () => {
    const ctx = context();
    const user = randomUUID();
    const { code } = await issueTestLink(ctx, user);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeem(ctx, user, wrongCode(code, i + 1))));
    const weighed = results.filter((result) => !result.ok && result.reason === "wrong code");
    expect(weighed).toHaveLength(ctx.config.magicLinks.maxFailedCodesPerDay);
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
