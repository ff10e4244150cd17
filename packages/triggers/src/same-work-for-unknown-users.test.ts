/**
 * A wrong answer for a user Cognito did not find must take the same work as one for a real user: the
 * same DynamoDB calls in the same order and the same signature checks, on every Verify path. What
 * each costs in time is in bench/verify-timing.ts.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Signer } from "@latchkey/core";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { issueTestLink, testDeps } from "@latchkey/testkit/magic-links";
import { strangersPasskey } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTriggers } from "./create-triggers.ts";
import type { TriggerDeps } from "./deps.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());
const info = vi.spyOn(console, "info").mockImplementation(() => {});
afterEach(() => info.mockClear());

/** Deps whose signer counts its verifications. */
function countingDeps(): { deps: TriggerDeps; verifications: () => number } {
  const { deps } = testDeps(table);
  let count = 0;
  const signer: Signer = {
    keyId: deps.signer.keyId,
    sign: (data) => deps.signer.sign(data),
    verify: (data, signature) => {
      count += 1;
      return deps.signer.verify(data, signature);
    },
  };
  return { deps: { ...deps, signer }, verifications: () => count };
}

const b64 = (bytes: number) => randomBytes(bytes).toString("base64url");
const strangersAnswer = strangersPasskey();

async function workOf(
  deps: TriggerDeps,
  verifications: () => number,
  input: { username: string; userNotFound: boolean; answer: string; signInMethod: string },
  attributes: Record<string, string> = {},
) {
  const triggers = createTriggers(deps);
  const event = verifyAuthChallengeEvent(input);
  Object.assign(event.request.userAttributes, attributes);
  table.calls.reset();
  const before = verifications();
  const result = await triggers.verifyAuthChallengeResponse(event);
  expect(result.response.answerCorrect).toBe(false);
  return { calls: [...table.calls.sent], verifications: verifications() - before };
}

describe("a wrong answer for an unknown user", () => {
  it.each([
    ["EMAIL_CODE", "a wrong code", (_: { token: string; code: string }) => "000000"],
    ["MAGIC_LINK", "the asker's own link", (own: { token: string; code: string }) => own.token],
    ["MAGIC_LINK", "a forged link", (own: { token: string; code: string }) => `${own.token.split(".")[0]}.${b64(64)}`],
    ["MAGIC_LINK", "garbage", () => "not-a-token"],
    ["PASSKEY", "a stranger's passkey", () => strangersAnswer],
    ["PASSKEY", "garbage", () => "{}"],
  ])(
    "%s, %s: the same DynamoDB calls and signature checks as for a real user, and for one that may not sign in",
    async (signInMethod, _name, answerOf) => {
      const { deps, verifications } = countingDeps();
      const known = randomUUID();
      await issueTestLink(deps, known);
      const own = await issueTestLink(deps, randomUUID());
      const answer = answerOf(own);
      const forKnown = await workOf(deps, verifications, {
        username: known,
        userNotFound: false,
        answer,
        signInMethod,
      });
      const forUnknown = await workOf(deps, verifications, {
        username: "nobody@example.com",
        userNotFound: true,
        answer,
        signInMethod,
      });
      expect(forUnknown).toEqual(forKnown);
      const unverified = randomUUID();
      await issueTestLink(deps, unverified);
      const forUnverified = await workOf(
        deps,
        verifications,
        { username: unverified, userNotFound: false, answer, signInMethod },
        { email_verified: "false" },
      );
      expect(forUnverified).toEqual(forKnown);
    },
  );

  it("is refused, and logged as such, even when the verifier would take the answer", async () => {
    const { deps } = testDeps(table);
    const triggers = createTriggers(deps);
    const user = randomUUID();
    const { token } = await issueTestLink(deps, user);
    const unknown = verifyAuthChallengeEvent({
      username: user,
      answer: token,
      signInMethod: "MAGIC_LINK",
      userNotFound: true,
    });
    expect((await triggers.verifyAuthChallengeResponse(unknown)).response.answerCorrect).toBe(false);
    expect(info.mock.calls.map((call) => JSON.parse(String(call[0])).reason)).toEqual(["user not found"]);
    // Nothing was redeemed on the way: the user still signs in with the link.
    const real = verifyAuthChallengeEvent({ username: user, answer: token, signInMethod: "MAGIC_LINK" });
    expect((await triggers.verifyAuthChallengeResponse(real)).response.answerCorrect).toBe(true);
  });
});
