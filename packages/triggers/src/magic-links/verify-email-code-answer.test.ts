import { randomUUID } from "node:crypto";
import { OTHER_TEST_CLIENT, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, newVerifier, testDeps, testEmailOf } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEmailCodeAnswer } from "./verify-email-code-answer.ts";
import { verifyMagicLinkAnswer } from "./verify-magic-link-answer.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const answer = (username: string, code: string, extra: { clientId?: string; linkVerifier?: string } = {}) => ({
  username,
  userNotFound: false,
  verifiedEmail: testEmailOf(username),
  answer: code,
  clientId: extra.clientId ?? TEST_CLIENT,
  clientMetadata: { signInMethod: "EMAIL_CODE", ...(extra.linkVerifier && { linkVerifier: extra.linkVerifier }) },
});
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** The redemption itself is core's (redeemEmailCode); this holds the adapter to what it passes on. */
describe("verifyEmailCodeAnswer", () => {
  it("redeems the ANSWER as the code, once, with a read and a write, and that ends the link", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    table.calls.reset();
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: true });
    expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: false, reason: "wrong code" });
    expect(await verifyMagicLinkAnswer(deps, { ...answer(user, token), clientMetadata: {} })).toEqual({
      ok: false,
      reason: "link not redeemable",
    });
  });

  it("counts a wrong code, then takes the right one", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueTestLink(deps, user);
    expect(await verifyEmailCodeAnswer(deps, answer(user, wrongCode(code)))).toEqual({
      ok: false,
      reason: "wrong code",
    });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: true });
  });

  it("redeems a code for the calling app client only", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueTestLink(deps, user);
    expect(await verifyEmailCodeAnswer(deps, answer(user, code, { clientId: OTHER_TEST_CLIENT }))).toEqual({
      ok: false,
      reason: "wrong code",
    });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: true });
  });

  it("passes ClientMetadata.linkVerifier on: the asking browser's tries outlast the daily budget", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const verifier = newVerifier();
    const { code } = await issueTestLink(deps, user, { verifier, bound: false });
    for (let i = 1; i <= deps.config.magicLinks.maxFailedCodesPerDay; i++) {
      await verifyEmailCodeAnswer(deps, answer(user, wrongCode(String(Number(code) + i))));
    }
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({
      ok: false,
      reason: "too many wrong codes",
    });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code, { linkVerifier: verifier }))).toEqual({ ok: true });
  });

  it("refuses a malformed answer without touching DynamoDB", async () => {
    const { deps } = testDeps(table);
    table.calls.reset();
    expect(await verifyEmailCodeAnswer(deps, answer(randomUUID(), "12a456"))).toEqual({
      ok: false,
      reason: "code malformed",
    });
    expect(table.calls.total()).toBe(0);
  });
});
