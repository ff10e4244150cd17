import { randomUUID } from "node:crypto";
import { OTHER_TEST_CLIENT, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, magicLinkConfig, newVerifier, testDeps, testEmailOf } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyMagicLinkAnswer } from "./verify-magic-link-answer.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const answer = (username: string, token: string, extra: { clientId?: string; linkVerifier?: string } = {}) => ({
  username,
  userNotFound: false,
  verifiedEmail: testEmailOf(username),
  answer: token,
  clientId: extra.clientId ?? TEST_CLIENT,
  clientMetadata: { signInMethod: "MAGIC_LINK", ...(extra.linkVerifier && { linkVerifier: extra.linkVerifier }) },
});

/** The redemption itself is core's (redeemMagicLink); this holds the adapter to what it passes on. */
describe("verifyMagicLinkAnswer", () => {
  it("redeems the ANSWER as the token, once, with one DynamoDB call", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueTestLink(deps, user);
    table.calls.reset();
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toEqual({ ok: true });
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toEqual({
      ok: false,
      reason: "link not redeemable",
    });
  });

  it("redeems for the calling app client and user only", async () => {
    const { deps, clock } = testDeps(table);
    const [user, other] = [randomUUID(), randomUUID()];
    const { token } = await issueTestLink(deps, user);
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { clientId: OTHER_TEST_CLIENT }))).toEqual({
      ok: false,
      reason: "wrong audience",
    });
    expect(await verifyMagicLinkAnswer(deps, answer(other, token))).toEqual({ ok: false, reason: "wrong user" });
    clock.ms += 60_000;
    const forOther = await issueTestLink(deps, user, { clientId: OTHER_TEST_CLIENT });
    expect(await verifyMagicLinkAnswer(deps, answer(user, forOther.token, { clientId: OTHER_TEST_CLIENT }))).toEqual({
      ok: true,
    });
  });

  it("takes a same-browser link's verifier from ClientMetadata.linkVerifier", async () => {
    const { deps } = testDeps(table, magicLinkConfig({ LATCHKEY_LINK_BINDING: "same-browser" }));
    const user = randomUUID();
    const verifier = newVerifier();
    const { token } = await issueTestLink(deps, user, { verifier });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toEqual({
      ok: false,
      reason: "link verifier missing",
    });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: newVerifier() }))).toEqual({
      ok: false,
      reason: "link not redeemable",
    });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: verifier }))).toEqual({ ok: true });
  });

  it.each([
    ["garbage", "not.a-token"],
    ["huge", "A".repeat(5000)],
  ])("refuses a %s answer without touching DynamoDB", async (_name, token) => {
    const { deps } = testDeps(table);
    table.calls.reset();
    expect(await verifyMagicLinkAnswer(deps, answer(randomUUID(), token))).toMatchObject({ ok: false });
    expect(table.calls.total()).toBe(0);
  });
});
