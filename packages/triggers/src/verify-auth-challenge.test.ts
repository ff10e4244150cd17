import { randomUUID } from "node:crypto";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { issueTestLink, testDeps, testEmailOf } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import type { VerifyAuthChallengeResponseTriggerEvent } from "aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTriggers } from "./create-triggers.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const info = vi.spyOn(console, "info").mockImplementation(() => {});
afterEach(() => info.mockClear());
const logged = () => info.mock.calls.map((call) => String(call[0]));
/** What an answer's invocation ended with: its one line. */
const lines = () => logged().map((line) => JSON.parse(line));
const refusedLine = (reason: string, method?: string) =>
  expect.objectContaining({
    level: "info",
    msg: "trigger",
    flow: "verifyAuthChallengeResponse",
    outcome: "refused",
    reason,
    ...(method && { method }),
  });
const verifyAuthChallenge = (
  deps: Parameters<typeof createTriggers>[0],
  event: VerifyAuthChallengeResponseTriggerEvent,
) => createTriggers(deps).verifyAuthChallengeResponse(event);

function event(change: (event: VerifyAuthChallengeResponseTriggerEvent) => void) {
  const copy = verifyAuthChallengeEvent({ username: randomUUID(), answer: "123456", signInMethod: "EMAIL_CODE" });
  change(copy);
  return copy;
}

describe("verifyAuthChallenge", () => {
  it.each<[string, string, (event: VerifyAuthChallengeResponseTriggerEvent) => void]>([
    [
      "no sign-in method",
      "unknown sign-in method",
      (e) => {
        e.request.clientMetadata = {};
      },
    ],
    [
      "an unknown sign-in method",
      "unknown sign-in method",
      (e) => {
        e.request.clientMetadata = { signInMethod: "PASSWORD" };
      },
    ],
    [
      "an empty answer",
      "no answer",
      (e) => {
        e.request.challengeAnswer = "";
      },
    ],
    [
      "an app client that is not ours",
      "unknown app client",
      (e) => {
        e.callerContext.clientId = "someone-elses-client";
      },
    ],
  ])("refuses %s before any verifier, and logs why", async (_name, reason, change) => {
    const { deps } = testDeps(table);
    table.calls.reset();
    const result = await verifyAuthChallenge(deps, event(change));
    expect(result.response.answerCorrect).toBe(false);
    expect(table.calls.total()).toBe(0);
    expect(lines()).toEqual([refusedLine(reason)]);
  });

  it("refuses a user Cognito did not find, after the verifier's work, and logs why without the name", async () => {
    const { deps } = testDeps(table);
    table.calls.reset();
    const unknown = event((e) => {
      e.request.userNotFound = true;
      e.userName = "typed@example.com";
    });
    const result = await verifyAuthChallenge(deps, unknown);
    expect(result.response.answerCorrect).toBe(false);
    expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
    expect(lines()).toEqual([refusedLine("user not found", "EMAIL_CODE")]);
    expect(logged().join()).not.toContain("typed@example.com");
  });

  it("logs a verifier's refusal with its method and reason, never the answer", async () => {
    const { deps } = testDeps(table);
    const username = randomUUID();
    const { token, code } = await issueTestLink(deps, username);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const answers = [
      ["EMAIL_CODE", wrong],
      ["MAGIC_LINK", token],
      ["MAGIC_LINK", token],
    ] as const;
    const correct = [];
    for (const [signInMethod, answer] of answers) {
      const result = await verifyAuthChallenge(
        deps,
        event((e) => {
          e.userName = username;
          e.request.userAttributes.email = testEmailOf(username);
          e.request.challengeAnswer = answer;
          e.request.clientMetadata = { signInMethod };
        }),
      );
      correct.push(result.response.answerCorrect);
    }
    expect(correct).toEqual([false, true, false]);
    expect(lines()).toEqual([
      refusedLine("wrong code", "EMAIL_CODE"),
      expect.objectContaining({ flow: "verifyAuthChallengeResponse", outcome: "ok", method: "MAGIC_LINK" }),
      refusedLine("link not redeemable", "MAGIC_LINK"),
    ]);
    for (const secret of [token, wrong, code]) expect(logged().join()).not.toContain(secret);
  });
});
