/**
 * What a failing dependency leaves in the log: the line of the request or trigger it broke, failed,
 * with DependencyFailure of that dependency; and a failing event bus (EventBridge), which breaks
 * nothing: every sign-in and request answers as it would, the failure counted and logged.
 */
import type { LocalStack } from "@latchkey/local";
import type { Fault } from "@latchkey/testkit/faults";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { requestSignInMail } from "../e2e/support/sign-in-by-email.ts";
import { busEvents, captureLines, closing, type LogLine, metricsOf } from "../e2e/support/telemetry.ts";
import { type FaultStack, startFaultStack } from "./support/fault-stack.ts";
import { newAccount, requestLink, signIn } from "./support/flows.ts";
import { addressItemKey, failureBoundMs, SIGNED_IN } from "./support/verdicts.ts";

let faulty: FaultStack;
let stack: LocalStack;
let lines: ReturnType<typeof captureLines>;
let boundMs: number;
beforeAll(async () => {
  lines = captureLines();
  faulty = await startFaultStack();
  stack = faulty.stack;
  boundMs = await failureBoundMs(stack);
});
afterAll(async () => {
  await faulty?.close();
  vi.restoreAllMocks();
});

const one = (mark: number, flow: string): LogLine => {
  const found = closing(lines.since(mark), flow);
  expect(found, flow).toHaveLength(1);
  return found[0] as LogLine;
};

describe("a failing dependency", () => {
  it("fails the request it broke, its line counting DependencyFailure of SES, and no email or event", async () => {
    const { email } = await newAccount(stack, "ses-fails");
    const fault = faulty.faults.ses.inject({ operation: "SendEmail", mentions: [email], fault: "errors" });
    const skip = (await busEvents(stack)).length;
    const mark = lines.mark();
    try {
      expect((await requestLink(stack, email)).status).toBe(503);
    } finally {
      fault.lift();
    }
    const line = one(mark, "requestMagicLink");
    expect(line).toMatchObject({ outcome: "failed", code: "SERVICE_UNAVAILABLE", status: 503, Dependency: "SES" });
    expect(metricsOf(line)).toEqual({ DependencyFailure: { value: 1, dimensions: [[], ["Dependency"]] } });
    expect((await busEvents(stack, skip)).filter((e) => e["detail-type"] === "MagicLinkIssued")).toEqual([]);
  });

  it("fails the Verify it broke, counting DependencyFailure of DynamoDB beside the latency, and no sign-in", async () => {
    const { email } = await newAccount(stack, "dynamodb-fails");
    const { code } = await requestSignInMail(stack, email);
    // The read of the codes outstanding on the item of the account's address.
    const mentions = [addressItemKey(stack, email)];
    const fault = faulty.faults.dynamodb.inject({ operation: "GetItem", mentions, fault: "throttles" });
    const mark = lines.mark();
    try {
      await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: code });
    } finally {
      fault.lift();
    }
    const line = one(mark, "verifyAuthChallengeResponse");
    expect(line).toMatchObject({ outcome: "failed", code: "SERVICE_UNAVAILABLE", Dependency: "DynamoDB" });
    expect(Object.keys(metricsOf(line)).sort()).toEqual(["DependencyFailure", "VerifyLatency"]);
  });
});

const EVENT_BUS_FAULTS = ["refuses", "errors", "throttles", "hangs", "fails-entries"] as const satisfies Fault[];

describe("a failing event bus", () => {
  it.each([...EVENT_BUS_FAULTS, "down" as const])(
    "(%s) changes no answer: the email goes, the sign-in works, the failures are counted and logged",
    async (fault) => {
      const { email } = await newAccount(stack, `events-${fault}`);
      const proxy = faulty.faults.events;
      const injected = fault === "down" ? undefined : proxy.inject({ operation: "PutEvents", fault });
      if (fault === "down") await proxy.down();
      const mark = lines.mark();
      try {
        const { code } = await requestSignInMail(stack, email);
        const { outcome, ms } = await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: code });
        expect(outcome).toMatchObject(SIGNED_IN);
        expect(ms).toBeLessThan(boundMs);
      } finally {
        injected?.lift();
        if (fault === "down") await proxy.up();
      }
      const request = one(mark, "requestMagicLink");
      const verify = one(mark, "verifyAuthChallengeResponse");
      for (const line of [request, verify]) {
        expect(line).toMatchObject({ outcome: "ok", Dependency: "EventBridge", DependencyFailure: 1 });
      }
      expect(request).toMatchObject({ status: 202, EmailSent: 1 });
      expect(verify).toMatchObject({ method: "EMAIL_CODE", SignInSucceeded: 1 });
      const notSent = lines.since(mark).filter((line) => line.msg === "audit event not sent");
      expect(notSent.map((line) => [line.level, line.detailType])).toEqual([
        ["error", "MagicLinkIssued"],
        ["error", "SignInSucceeded"],
      ]);
      expect(notSent.map((line) => line.requestId)).toEqual([request.requestId, verify.requestId]);
    },
  );

  it("once mended, takes the events again", async () => {
    const { email, username } = await newAccount(stack, "events-back");
    const skip = (await busEvents(stack)).length;
    const { code } = await requestSignInMail(stack, email);
    await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: code });
    const events = await busEvents(stack, skip);
    expect(events.map((event) => [event["detail-type"], event.detail.username])).toEqual([
      ["MagicLinkIssued", username],
      ["SignInSucceeded", username],
    ]);
  });
});
