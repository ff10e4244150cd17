import { randomUUID } from "node:crypto";
import { TEST_CLIENT } from "@latchkey/testkit/config";
import { issueLink, testDeps } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEmailCodeAnswer } from "./verify-email-code-answer.ts";
import { verifyMagicLinkAnswer } from "./verify-magic-link-answer.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const answer = (username: string, code: string, clientId = TEST_CLIENT) => ({
  username,
  answer: code,
  clientId,
  clientMetadata: { signInMethod: "EMAIL_CODE" },
});
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("verifyEmailCodeAnswer", () => {
  it("accepts the code once, with one DynamoDB call, and that kills the link", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token, code } = await issueLink(deps, user);
    table.calls.reset();
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toBe(true);
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toBe(false);
    expect(await verifyMagicLinkAnswer(deps, { ...answer(user, token), clientMetadata: {} })).toBe(false);
  });

  it("allows three wrong codes, then refuses a fourth attempt even with the right code", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueLink(deps, user);
    for (let i = 0; i < 3; i++) expect(await verifyEmailCodeAnswer(deps, answer(user, wrongCode(code)))).toBe(false);
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toBe(false);
  });

  it("counts wrong tries per issued code: a new code starts again", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const first = await issueLink(deps, user);
    for (let i = 0; i < 3; i++) await verifyEmailCodeAnswer(deps, answer(user, wrongCode(first.code)));
    const second = await issueLink(deps, user);
    expect(await verifyEmailCodeAnswer(deps, answer(user, first.code))).toBe(false);
    expect(await verifyEmailCodeAnswer(deps, answer(user, second.code))).toBe(true);
  });

  it("rejects an expired code", async () => {
    const { deps, clock } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueLink(deps, user);
    clock.ms += deps.config.magicLinks.expirySeconds * 1000;
    expect(await verifyEmailCodeAnswer(deps, answer(user, code))).toBe(false);
  });

  it("rejects user A's code entered for user B", async () => {
    const { deps } = testDeps(table);
    const [alice, bob] = [randomUUID(), randomUUID()];
    const { code } = await issueLink(deps, alice);
    await issueLink(deps, bob);
    expect(await verifyEmailCodeAnswer(deps, answer(bob, code))).toBe(false);
    expect(await verifyEmailCodeAnswer(deps, answer(alice, code))).toBe(true);
  });

  it("rejects a code sent through an app client that is not ours", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueLink(deps, user);
    expect(await verifyEmailCodeAnswer(deps, answer(user, code, "someone-elses-client"))).toBe(false);
  });

  it.each([
    ["short", "12345"],
    ["letters", "12a456"],
    ["padded", " 123456"],
    ["long", "1234567"],
  ])("rejects a %s answer without touching DynamoDB or a try", async (_name, code) => {
    const { deps } = testDeps(table);
    table.calls.reset();
    expect(await verifyEmailCodeAnswer(deps, answer(randomUUID(), code))).toBe(false);
    expect(table.calls.total()).toBe(0);
  });

  it("gives exactly one success to 50 concurrent redemptions of the right code", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { code } = await issueLink(deps, user);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => verifyEmailCodeAnswer(deps, answer(user, code))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
