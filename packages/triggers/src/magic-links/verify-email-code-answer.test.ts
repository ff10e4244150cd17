import { randomUUID } from "node:crypto";
import { countCalls, issueTestLink, startTestTable, type TestTable } from "@latchkey/core/magic-links/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT, testDeps } from "./test-support.ts";
import { verifyEmailCodeAnswer } from "./verify-email-code-answer.ts";
import { verifyMagicLinkAnswer } from "./verify-magic-link-answer.ts";

let local: TestTable;
beforeAll(async () => {
  local = await startTestTable();
});
afterAll(() => local.close());

const answer = (username: string, code: string) => ({
  username,
  answer: code,
  clientId: CLIENT,
  clientMetadata: { signInMethod: "EMAIL_CODE" },
});
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** The redemption itself is core's (redeemEmailCode); this holds the adapter to what it passes on. */
describe("verifyEmailCodeAnswer", () => {
  it("redeems the ANSWER as the code, once, with one DynamoDB call, and that kills the link", async () => {
    const { deps } = testDeps(local);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    const calls = countCalls(local.table.client);
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: true });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: false, reason: "code not redeemable" });
    expect(await verifyMagicLinkAnswer(deps, { ...answer(user, token), clientMetadata: {} })).toEqual({
      ok: false,
      reason: "link not redeemable",
    });
  });

  it("counts a wrong code, then takes the right one", async () => {
    const { deps } = testDeps(local);
    const user = randomUUID();
    const { code } = await issueTestLink(deps, user);
    expect(await verifyEmailCodeAnswer(deps, answer(user, wrongCode(code)))).toEqual({
      ok: false,
      reason: "wrong code",
    });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toEqual({ ok: true });
  });

  it("refuses a malformed answer without touching DynamoDB", async () => {
    const { deps } = testDeps(local);
    const calls = countCalls(local.table.client);
    expect(await verifyEmailCodeAnswer(deps, answer(randomUUID(), "12a456"))).toEqual({
      ok: false,
      reason: "code malformed",
    });
    expect(calls.total()).toBe(0);
  });
});
