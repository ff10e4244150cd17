/**
 * Sign-in texts and their codes while DynamoDB, Cognito or End User Messaging SMS fails: refusing,
 * erroring, throttling, hanging or losing an answer, one call at a time, through fault proxies in front
 * of the real local services (see support/fault-stack.ts). Each cell checks the answer (status and
 * code, no dependency text, no tokens), that it came within the configured timeouts, that no code
 * texted during the fault is redeemable unless it should be, and that the person signs in normally
 * once the fault is gone.
 */
import type { FaultRule } from "@latchkey/testkit/faults";
import { describe, expect, it } from "vitest";
import { SMS_CODE_MIN_RESPONSE_MS } from "../../packages/api/src/routes/sms-codes.ts";
import { REFUSED } from "../e2e/support/cognito.ts";
import { nowSeconds } from "../e2e/support/sign-in-by-email.ts";
import { newBrowser, smsCode, textsTo } from "../e2e/support/sms.ts";
import { faultSuite } from "./support/fault-suite.ts";
import { newPhoneAccount, type PhoneAccount, requestSmsCode, signInByNewText, signInBySms } from "./support/flows.ts";
import { expectApiFailure, failureCode, OUTAGES, SIGNED_IN, smsCountName, triggerFailed } from "./support/verdicts.ts";

const suite = faultSuite();

/** A call POST /sms-codes makes, and how a fault finds it for one number. */
interface RequestStep {
  dependency: "dynamodb" | "cognito" | "sms";
  step: string;
  operation: string;
  mentions: (account: PhoneAccount) => string[];
  /** The number has no account yet: the request signs it up. */
  signUp?: true;
  /** The text goes out before this call: it carries a code that must not be redeemable. */
  afterText?: true;
}

const steps = {
  count: {
    dependency: "dynamodb",
    step: "the budgets' count",
    operation: "UpdateItem",
    mentions: ({ phoneNumber }) => [smsCountName(suite.stack, phoneNumber)],
  },
  lookup: {
    dependency: "cognito",
    step: "the account lookup",
    operation: "AdminGetUser",
    mentions: ({ phoneNumber }) => [phoneNumber],
  },
  signUp: {
    dependency: "cognito",
    step: "the sign-up",
    operation: "AdminCreateUser",
    mentions: ({ phoneNumber }) => [phoneNumber],
    signUp: true,
  },
  text: {
    dependency: "sms",
    step: "the text",
    operation: "SendTextMessage",
    mentions: ({ phoneNumber }) => [phoneNumber],
  },
  codeRecord: {
    dependency: "dynamodb",
    step: "the code's record",
    operation: "PutItem",
    mentions: ({ username }) => [`USER#${username}`],
    afterText: true,
  },
} satisfies Record<string, RequestStep>;

let signUps = 0;
/** A number to ask for: an account's, or for a sign-up one nobody has (a range of its own). */
const accountFor = async (step: RequestStep): Promise<PhoneAccount> =>
  step.signUp
    ? { phoneNumber: `+4479${String(++signUps).padStart(4, "0")}0123`, username: "-", browser: newBrowser() }
    : newPhoneAccount(suite.stack);

/** Asks for a text while `fault` hits the step's call; what was answered, and the codes texted. */
async function requestDuring(step: RequestStep, fault: Omit<FaultRule, "operation" | "mentions">) {
  const account = await accountFor(step);
  const since = nowSeconds() - 1;
  const injected = suite.faulty.faults[step.dependency].inject({
    operation: step.operation,
    mentions: step.mentions(account),
    ...fault,
  });
  const answer = await requestSmsCode(suite.stack, account);
  injected.lift();
  expect(injected.hits.length).toBeGreaterThan(0);
  expect(answer.ms).toBeLessThan(SMS_CODE_MIN_RESPONSE_MS + suite.boundMs);
  const codes = (await textsTo(suite.stack, account.phoneNumber, since)).map((text) => text.messageBody.slice(0, 6));
  return { account, answer, codes: [...new Set(codes)] };
}

// First, while the SDK clients' retry budgets are whole: these cells are about what a retry does.
describe.concurrent("a sign-in text asked for while a call's answer is lost", () => {
  it("the count's answer lost once: the retry counts again, and the text goes out", async () => {
    const { account, answer, codes } = await requestDuring(steps.count, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect(codes).toHaveLength(1);
    expect((await signInBySms(suite.stack, account, codes[0] ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the code record's answer lost once: the retry stores the same code, which signs in", async () => {
    const { account, answer, codes } = await requestDuring(steps.codeRecord, { fault: "loses-answer", times: 1 });
    expect(answer).toMatchObject({ status: 202, body: { status: "accepted" } });
    expect((await signInBySms(suite.stack, account, codes[0] ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("every answer of the SMS service lost (texted, the api never told): 503, and the code redeems nothing", async () => {
    const { account, answer, codes } = await requestDuring(steps.text, { fault: "loses-answer" });
    expectApiFailure(answer, "SERVICE_UNAVAILABLE");
    expect(codes).toHaveLength(1);
    expect((await signInBySms(suite.stack, account, codes[0] ?? "")).outcome).toEqual(REFUSED);
    expect(await signInByNewText(suite.stack, account)).toMatchObject(SIGNED_IN);
  });
});

describe.concurrent("a sign-in text asked for while a dependency fails", () => {
  for (const step of Object.values(steps) as RequestStep[]) {
    for (const fault of OUTAGES) {
      it(`${step.dependency} ${fault} at ${step.step}: ${failureCode(fault)}, nothing redeemable, then a normal sign-in`, async () => {
        const { account, answer, codes } = await requestDuring(step, { fault });
        expectApiFailure(answer, failureCode(fault));
        // Only a failure after the text leaves a code behind, which must redeem nothing.
        expect(codes).toHaveLength(step.afterText ? 1 : 0);
        for (const code of codes) expect((await signInBySms(suite.stack, account, code)).outcome).toEqual(REFUSED);
        expect(await signInByNewText(suite.stack, account)).toMatchObject(SIGNED_IN);
      });
    }
  }
});

/** What a fault on Verify's one write leaves: the browser's outcome during it, then for the same code. */
const verifyCells: { fault: FaultRule["fault"]; times?: number; during: unknown; after: unknown }[] = [
  ...OUTAGES.map((fault) => ({ fault, during: triggerFailed(failureCode(fault)), after: SIGNED_IN })),
  // Another redemption got there first, as far as Verify can tell; this one was never made.
  { fault: "conflicts", during: REFUSED, after: SIGNED_IN },
  // Redeemed, then the answer lost: the retry finds it used. Used up, with no tokens: a new text.
  { fault: "loses-answer", times: 1, during: REFUSED, after: REFUSED },
];

describe.concurrent("a texted code redeemed while DynamoDB fails", () => {
  for (const cell of verifyCells) {
    const outcome = (expected: unknown) =>
      expected === SIGNED_IN ? "tokens" : expected === REFUSED ? "refused" : "failed";
    it(`UpdateItem ${cell.fault}: ${outcome(cell.during)}, then ${outcome(cell.after)} for the same code`, async () => {
      const account = await newPhoneAccount(suite.stack);
      const since = nowSeconds();
      expect((await requestSmsCode(suite.stack, account)).status).toBe(202);
      const code = await smsCode(suite.stack, account.phoneNumber, since);
      const injected = suite.faulty.faults.dynamodb.inject({
        operation: "UpdateItem",
        mentions: [`USER#${account.username}`],
        fault: cell.fault,
        ...(cell.times && { times: cell.times }),
      });
      const during = await signInBySms(suite.stack, account, code);
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expect(during.outcome).toMatchObject(cell.during as object);
      expect(during.ms).toBeLessThan(suite.boundMs);
      expect((await signInBySms(suite.stack, account, code)).outcome).toMatchObject(cell.after as object);
      if (cell.after !== SIGNED_IN) expect(await signInByNewText(suite.stack, account)).toMatchObject(SIGNED_IN);
    });
  }
});
