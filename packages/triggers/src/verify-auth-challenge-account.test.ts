import { randomUUID } from "node:crypto";
import {
  aaguidDirectory,
  createAuthenticationOptions,
  createRegistrationOptions,
  passkeyPolicy,
  registerPasskey,
} from "@latchkey/core/passkeys";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { TEST_ORIGIN, TEST_RP_ID } from "@latchkey/testkit/config";
import { issueTestLink, testDeps } from "@latchkey/testkit/magic-links";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
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
/** The reasons of the refused answers, from the lines their invocations ended with. */
const reasons = () =>
  info.mock.calls
    .map((call) => JSON.parse(String(call[0])))
    .filter((line) => line.outcome === "refused")
    .map((line) => line.reason);

/**
 * A right answer of each kind, each for a fresh user: a link, a code, a passkey assertion; and the answer
 * to give once the account may sign in: the same link and code (a refusal leaves them redeemable), a new
 * assertion (the refused one did the same work as any other, its challenge included).
 */
async function rightAnswers(deps: TriggerDeps) {
  const [linkUser, codeUser, passkeyUser] = [randomUUID(), randomUUID(), randomUUID()];
  const policy = passkeyPolicy(deps.config);
  const softKey = softAuthenticator();
  const nowMs = deps.clock.now();
  const creation = createRegistrationOptions(policy, {
    username: passkeyUser,
    displayName: passkeyUser,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs,
  });
  const context = { policy, table, clock: deps.clock, aaguids: aaguidDirectory("") };
  await registerPasskey(context, {
    username: passkeyUser,
    response: softKey.register(creation, { origin: TEST_ORIGIN }),
  });
  const assertion = () => {
    const options = createAuthenticationOptions(policy, { username: "", rpId: TEST_RP_ID, credentials: [], nowMs });
    return JSON.stringify(softKey.authenticate(options, { origin: TEST_ORIGIN }));
  };
  const link = (await issueTestLink(deps, linkUser)).token;
  const code = (await issueTestLink(deps, codeUser)).code;
  return [
    ["MAGIC_LINK", linkUser, link, () => link],
    ["EMAIL_CODE", codeUser, code, () => code],
    ["PASSKEY", passkeyUser, assertion(), assertion],
  ] as const;
}

/** The Verify event Cognito sends for `username`, with the account's attributes changed (null: absent). */
function event(username: string, signInMethod: string, answer: string, attributes: Record<string, string | null>) {
  const copy = verifyAuthChallengeEvent({ username, answer, signInMethod });
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null) delete copy.request.userAttributes[name];
    else copy.request.userAttributes[name] = value;
  }
  return copy;
}

/**
 * Only a verified email identifies a user: an account whose email is not verified (someone put an
 * address there they never proved) or that nobody confirmed is refused like an unknown user, whatever
 * the answer, and the answer is left as it was.
 */
describe("verifyAuthChallenge for an account that may not sign in", () => {
  it.each([
    ["its email is not verified", { email_verified: "false" }, "email not verified"],
    ["it has no email_verified at all", { email_verified: null }, "email not verified"],
    ["it has no user status", { "cognito:user_status": null }, "account not confirmed"],
    ["it is UNCONFIRMED", { "cognito:user_status": "UNCONFIRMED" }, "account not confirmed"],
    ["it must reset its password", { "cognito:user_status": "RESET_REQUIRED" }, "account not confirmed"],
    ["it is a federated user", { "cognito:user_status": "EXTERNAL_PROVIDER" }, "account not confirmed"],
  ])("refuses every right answer when %s, and leaves links and codes redeemable", async (_name, attributes, reason) => {
    const { deps, clock } = testDeps(table);
    clock.ms = Date.now();
    const triggers = createTriggers(deps);
    const answers = await rightAnswers(deps);
    for (const [method, username, answer] of answers) {
      const refused = await triggers.verifyAuthChallengeResponse(event(username, method, answer, attributes));
      expect(refused.response.answerCorrect).toBe(false);
    }
    expect(reasons()).toEqual([reason, reason, reason]);
    for (const [method, username, , again] of answers) {
      const accepted = await triggers.verifyAuthChallengeResponse(event(username, method, again(), {}));
      expect(accepted.response.answerCorrect).toBe(true);
    }
  });

  it("signs in an admin-created account (FORCE_CHANGE_PASSWORD) with a verified email, as sign-up creates them", async () => {
    const { deps, clock } = testDeps(table);
    clock.ms = Date.now();
    const triggers = createTriggers(deps);
    for (const [method, username, answer] of await rightAnswers(deps)) {
      const result = await triggers.verifyAuthChallengeResponse(
        event(username, method, answer, { "cognito:user_status": "FORCE_CHANGE_PASSWORD" }),
      );
      expect(result.response.answerCorrect).toBe(true);
    }
  });

  it("takes a passkey for an account known by its verified number alone, never a link or email code", async () => {
    const { deps, clock } = testDeps(table);
    clock.ms = Date.now();
    const triggers = createTriggers(deps);
    const phoneOnly = {
      email_verified: null,
      email: null,
      phone_number: "+447700900123",
      phone_number_verified: "true",
    };
    const outcomes: Record<string, boolean> = {};
    for (const [method, username, answer] of await rightAnswers(deps)) {
      const result = await triggers.verifyAuthChallengeResponse(event(username, method, answer, phoneOnly));
      outcomes[method] = result.response.answerCorrect;
    }
    expect(outcomes).toEqual({ MAGIC_LINK: false, EMAIL_CODE: false, PASSKEY: true });
    expect(reasons()).toEqual(["email not verified", "email not verified"]);
  });
});
