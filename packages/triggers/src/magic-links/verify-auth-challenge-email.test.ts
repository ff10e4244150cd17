import { randomUUID } from "node:crypto";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { issueTestLink, testDeps, testEmailOf } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTriggers } from "../create-triggers.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

/** A copy of the recorded event shape, per test, with this test's user and answer. */
const event = (username: string, answer: string, signInMethod: string, userNotFound = false, clientId?: string) =>
  verifyAuthChallengeEvent({ username, answer, signInMethod, userNotFound, clientId });

describe("VerifyAuthChallengeResponse with email answers", () => {
  it("routes MAGIC_LINK and EMAIL_CODE to their verifiers", async () => {
    const { deps } = testDeps(table);
    const triggers = createTriggers(deps);
    const [alice, bob] = [randomUUID(), randomUUID()];
    const link = await issueTestLink(deps, alice);
    const code = await issueTestLink(deps, bob);
    expect(
      (await triggers.verifyAuthChallengeResponse(event(alice, link.token, "MAGIC_LINK"))).response.answerCorrect,
    ).toBe(true);
    expect(
      (await triggers.verifyAuthChallengeResponse(event(bob, code.code, "EMAIL_CODE"))).response.answerCorrect,
    ).toBe(true);
  });

  it("does not accept a link as a code, a code as a link, or an unknown user", async () => {
    const { deps } = testDeps(table);
    const triggers = createTriggers(deps);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    expect((await triggers.verifyAuthChallengeResponse(event(user, token, "EMAIL_CODE"))).response.answerCorrect).toBe(
      false,
    );
    expect((await triggers.verifyAuthChallengeResponse(event(user, code, "MAGIC_LINK"))).response.answerCorrect).toBe(
      false,
    );
    expect(
      (await triggers.verifyAuthChallengeResponse(event(user, token, "MAGIC_LINK", true))).response.answerCorrect,
    ).toBe(false);
    expect((await triggers.verifyAuthChallengeResponse(event(user, token, "MAGIC_LINK"))).response.answerCorrect).toBe(
      true,
    );
  });

  it("takes a link or code only while the address it went to is the account's verified email", async () => {
    const { deps } = testDeps(table);
    const triggers = createTriggers(deps);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    const answered = async (answer: string, method: string, attributes: Record<string, string>) => {
      const moved = event(user, answer, method);
      Object.assign(moved.request.userAttributes, attributes);
      return (await triggers.verifyAuthChallengeResponse(moved)).response.answerCorrect;
    };
    const changes: Record<string, string>[] = [{ email: "moved@example.com" }, { email_verified: "false" }];
    for (const attributes of changes) {
      expect(await answered(token, "MAGIC_LINK", attributes)).toBe(false);
      expect(await answered(code, "EMAIL_CODE", attributes)).toBe(false);
    }
    // The pool's spelling of the address may differ in case; the address is the same.
    const asStored = { email: testEmailOf(user).toUpperCase() };
    expect(await answered(token, "MAGIC_LINK", asStored)).toBe(true);
  });

  it("fails closed: a broken table throws for a link and a code, and the answers stay redeemable", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    const broken = createTriggers({ ...deps, table: { client: table.client, name: "no-such-table" } });
    // A table that does not exist is a misconfiguration: INTERNAL, and nothing of DynamoDB's message.
    const missingTable = { message: "INTERNAL" };
    await expect(broken.verifyAuthChallengeResponse(event(user, token, "MAGIC_LINK"))).rejects.toMatchObject(
      missingTable,
    );
    await expect(broken.verifyAuthChallengeResponse(event(user, code, "EMAIL_CODE"))).rejects.toMatchObject(
      missingTable,
    );
    const triggers = createTriggers(deps);
    expect((await triggers.verifyAuthChallengeResponse(event(user, code, "EMAIL_CODE"))).response.answerCorrect).toBe(
      true,
    );
  });

  it("refuses a link or a code sent through an app client that is not ours, spending neither", async () => {
    const { deps } = testDeps(table);
    const triggers = createTriggers(deps);
    const user = randomUUID();
    const { token, code } = await issueTestLink(deps, user);
    const stranger = "someone-elses-client";
    for (const [answer, method] of [
      [token, "MAGIC_LINK"],
      [code, "EMAIL_CODE"],
    ] as const) {
      const result = await triggers.verifyAuthChallengeResponse(event(user, answer, method, false, stranger));
      expect(result.response.answerCorrect).toBe(false);
    }
    expect((await triggers.verifyAuthChallengeResponse(event(user, code, "EMAIL_CODE"))).response.answerCorrect).toBe(
      true,
    );
  });
});
