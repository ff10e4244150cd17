import { createHash } from "node:crypto";
import { magicLinkHashes, parseEmailAddress } from "@latchkey/core/magic-links";
import { smsHashes } from "@latchkey/core/sms";
import { linkItemKey, tableSchema } from "@latchkey/core/table";
import type { LocalStack } from "@latchkey/local";
import { FAULT_ACCOUNT, type Fault } from "@latchkey/testkit/faults";
import { expect } from "vitest";
import type { ApiAnswer } from "./flows.ts";

/** The faults every dependency call meets in the matrix; conflicts and lost answers are per call. */
export const OUTAGES = ["refuses", "errors", "throttles", "hangs"] as const satisfies Fault[];
export type Outage = (typeof OUTAGES)[number];

/**
 * The code a failure is answered with: a refusal that no retry mends (IAM denies the call, SES rejects
 * the sender) is the deployment's fault, INTERNAL; whatever may pass if tried again (a 500, throttling,
 * no answer, no connection) is SERVICE_UNAVAILABLE.
 */
export const failureCode = (fault: Outage) => (fault === "refuses" ? "INTERNAL" : "SERVICE_UNAVAILABLE");

/** Words of a dependency's own that must reach no caller: its errors, ARNs and account, its address. */
const DEPENDENCY_TEXT = new RegExp(
  [
    FAULT_ACCOUNT,
    "arn:aws",
    "Exception",
    "TimeoutError",
    "ECONN",
    "socket",
    "127\\.0\\.0\\.1",
    "throughput",
    "Internal server error",
    "sending rate",
  ].join("|"),
  "i",
);

/** The api's answer to a request a failing dependency broke: the status and code, and nothing of the dependency's. */
export function expectApiFailure(answer: ApiAnswer, code: "INTERNAL" | "SERVICE_UNAVAILABLE") {
  expect(answer.status).toBe(code === "INTERNAL" ? 500 : 503);
  expect(answer.body).toEqual({
    code,
    message: code === "INTERNAL" ? "Internal error." : expect.stringMatching(/; try again later\.$/),
  });
  expect(JSON.stringify(answer.body)).not.toMatch(DEPENDENCY_TEXT);
}

/** What the browser gets from Cognito when Verify fails for a dependency: the code alone, and no tokens. */
export const triggerFailed = (code: "INTERNAL" | "SERVICE_UNAVAILABLE") => ({
  error: `UserLambdaValidationException: VerifyAuthChallengeResponse failed with error ${code}.`,
});

/** Tokens, as a sign-in that worked has them. */
export const SIGNED_IN = {
  tokens: { AccessToken: expect.any(String), IdToken: expect.any(String), RefreshToken: expect.any(String) },
};

/** The SDK's back-off before a retry, at its longest (after throttling; @smithy/core's standard retry). */
const MAX_RETRY_DELAY_MS = 1000;
/** Room for a loaded machine: the bound tells a failure within the timeouts from a hang, it times nothing. */
const MARGIN_MS = 2000;

/**
 * The longest a request may be held by one failing dependency call, from the stack's own settings:
 * each of the SDK's attempts up to the request timeout, and the back-off before each retry.
 */
export async function failureBoundMs(stack: LocalStack): Promise<number> {
  const attempts = await stack.clients.dynamodb.config.maxAttempts();
  return attempts * stack.config.aws.requestTimeoutMs + (attempts - 1) * MAX_RETRY_DELAY_MS + MARGIN_MS;
}

/** The keyed hash an address is stored under: that of its normalized form, as the api and triggers take it. */
export const addressHashOf = (stack: LocalStack, email: string) =>
  magicLinkHashes(stack.config.passkeys.challengeSecret).address(parseEmailAddress(email).key);

/** The per-network count item's attribute for an address: how a fault finds one address's count. */
export function networkCountName(stack: LocalStack, email: string): string {
  return `to${addressHashOf(stack, email)}`;
}

/**
 * The partition key of an address's item, which holds its links and codes (sign-in and step-up) and
 * its lookup: how a fault finds the calls on one address's item (the count names the hash alone).
 */
export function addressItemKey(stack: LocalStack, email: string): string {
  const key = linkItemKey({ addressHash: addressHashOf(stack, email) })[tableSchema.partitionKey]?.S;
  if (!key) throw new Error("a link item's key has no partition");
  return key;
}

/** The hour's SMS count item's attribute for a number: how a fault finds one number's count. */
export function smsCountName(stack: LocalStack, phoneNumber: string): string {
  return `n${smsHashes(stack.config.passkeys.challengeSecret).number(phoneNumber).slice(0, 16)}`;
}

/** The key a redeemed passkey challenge is stored under: how a fault finds one challenge's redemption. */
export function redeemedChallengeKey(challenge: string): string {
  return `CHALLENGE#${createHash("sha256").update(Buffer.from(challenge, "base64url")).digest("base64url")}`;
}
