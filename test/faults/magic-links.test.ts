/**
 * Sign-in emails, links and codes while DynamoDB, Cognito or SES fails: refusing, erroring, throttling,
 * hanging or losing an answer, one call at a time, through fault proxies in front of the real local
 * services (see support/fault-stack.ts). Each cell checks the answer (status and code, no dependency
 * text, no tokens), that it came within the configured timeouts, that nothing issued during the fault
 * is redeemable unless it should be, and that the person signs in normally once the fault is gone.
 * KMS, whose calls no fault can tell apart by user, has its own suite.
 */
import { revokeSignIns } from "@latchkey/core/admin";
import type { FaultRule, InjectedFault } from "@latchkey/testkit/faults";
import { describe, expect, it } from "vitest";
import { MAGIC_LINK_MIN_RESPONSE_MS } from "../../packages/api/src/routes/magic-links.ts";
import { REFUSED } from "../e2e/support/cognito.ts";
import { nowSeconds, parseSignInMail, readMail, requestSignInMail } from "../e2e/support/sign-in-by-email.ts";
import { faultSuite } from "./support/fault-suite.ts";
import {
  lookupNames,
  mailOfCall,
  newAccount,
  newEmail,
  poolAccount,
  requestLink,
  type SignInMethod,
  signIn,
  signInByNewMail,
} from "./support/flows.ts";
import {
  addressItemKey,
  expectApiFailure,
  failureCode,
  networkCountName,
  OUTAGES,
  SIGNED_IN,
  triggerFailed,
} from "./support/verdicts.ts";

const suite = faultSuite();

type Account = { email: string; username: string };

/** A call POST /magic-links makes, and how a fault finds it for one account. */
interface RequestStep {
  dependency: "dynamodb" | "cognito" | "ses";
  step: string;
  operation: string;
  mentions: (account: Account) => string[];
  /** The address has no account yet: the request signs it up. */
  signUp?: true;
}

const steps = {
  networkCount: {
    dependency: "dynamodb",
    step: "the per-network count",
    operation: "UpdateItem",
    mentions: ({ email }) => [networkCountName(suite.stack, email)],
  },
  lookup: {
    dependency: "cognito",
    step: "the account lookup",
    operation: "AdminGetUser",
    mentions: ({ email }) => [email],
  },
  signUp: {
    dependency: "cognito",
    step: "the sign-up",
    operation: "AdminCreateUser",
    mentions: ({ email }) => [email],
    signUp: true,
  },
  // The address's item takes two writes: the link record (which sets the send time), then, once the
  // pool is asked, the address's lookup.
  linkRecord: {
    dependency: "dynamodb",
    step: "the link record",
    operation: "UpdateItem",
    mentions: ({ email }) => [addressItemKey(suite.stack, email), "lastSentAt = :now"],
  },
  addressLookup: {
    dependency: "dynamodb",
    step: "the address's lookup",
    operation: "UpdateItem",
    mentions: ({ email }) => [addressItemKey(suite.stack, email), "lookupAt"],
  },
  userAddress: {
    dependency: "dynamodb",
    step: "the user's address",
    operation: "PutItem",
    mentions: ({ username }) => [`USER#${username}`],
  },
  mail: { dependency: "ses", step: "the mail", operation: "SendEmail", mentions: ({ email }) => [email] },
} satisfies Record<string, RequestStep>;

/** A new address to sign in with: an account's, or for a sign-up none yet (nor a username). */
const accountFor = (step: RequestStep): Promise<Account> =>
  step.signUp ? Promise.resolve({ email: newEmail("sign-up"), username: "-" }) : newAccount(suite.stack, "mail");

/** Asks for a sign-in email while `fault` hits the step's call; what was answered, and what was mailed. */
async function requestDuring(step: RequestStep, fault: Omit<FaultRule, "operation" | "mentions">) {
  const account = await accountFor(step);
  const since = nowSeconds() - 1;
  const injected = suite.faulty.faults[step.dependency].inject({
    operation: step.operation,
    mentions: step.mentions(account),
    ...fault,
  });
  const answer = await requestLink(suite.stack, account.email);
  injected.lift();
  expect(answer.ms).toBeLessThan(MAGIC_LINK_MIN_RESPONSE_MS + suite.boundMs);
  return { account, answer, mails: await mailIssued(account, since, step.dependency === "ses" ? injected : undefined) };
}

/** What a request issued that could reach anyone: mail that arrived, and mail SES failed to send. */
async function mailIssued(account: Account, since: number, ses: InjectedFault | undefined) {
  const arrived = (await readMail(suite.stack, since)).filter((mail) => mail.destination.to.includes(account.email));
  const unsent = (ses?.hits ?? []).filter((call) => call.fault !== "loses-answer");
  // The SDK's attempts carry one and the same email.
  const mails = new Map([...arrived.map(parseSignInMail), ...unsent.map(mailOfCall)].map((mail) => [mail.token, mail]));
  return [...mails.values()];
}

const redeem = (account: Account, signInMethod: SignInMethod, answer: string) =>
  signIn(suite.stack, { login: account.email, signInMethod, answer });

async function expectNotRedeemable(account: Account, mail: { token: string; code: string }) {
  expect((await redeem(account, "MAGIC_LINK", mail.token)).outcome).toEqual(REFUSED);
  expect((await redeem(account, "EMAIL_CODE", mail.code)).outcome).toEqual(REFUSED);
}

// First, while the SDK clients' retry budgets are whole: these cells are about what a retry does.
describe.concurrent("a sign-in email asked for while a call's answer is lost or conflicts", () => {
  it("the per-network count's answer lost once: the retry counts again, and the email goes out", async () => {
    const { account, answer, mails } = await requestDuring(steps.networkCount, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect(mails).toHaveLength(1);
    expect((await redeem(account, "EMAIL_CODE", mails[0]?.code ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the account lookup's answer lost once: the retry finds the account, and the email goes out", async () => {
    const { account, answer, mails } = await requestDuring(steps.lookup, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect((await redeem(account, "EMAIL_CODE", mails[0]?.code ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the sign-up's answer lost once: the account exists, this request mails nobody, the next past the gap asks the pool", async () => {
    const { account, answer, mails } = await requestDuring(steps.signUp, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect(mails).toEqual([]);
    // The retry met the account its first attempt made, as anyone's: the address stays nobody's for now.
    expect(await poolAccount(suite.stack, account.email)).toMatchObject({ email: account.email });
    expect(await lookupNames(suite.stack, account.email)).toBeUndefined();
    // Asked again at once, the address answers as any does within the gap between emails (a mail to
    // nobody keeps its send time, so nothing tells the two apart); past it, a lookup of nobody is not
    // trusted, so the pool is asked and the new account mailed.
    expect(await requestLink(suite.stack, account.email)).toMatchObject({
      status: 429,
      body: { code: "RATE_LIMITED" },
    });
  });

  it("the link record's answer lost once: the retry knows its own link, and the email goes out", async () => {
    const { account, answer, mails } = await requestDuring(steps.linkRecord, { fault: "loses-answer", times: 1 });
    expect(answer).toMatchObject({ status: 202, body: { status: "accepted" } });
    expect(mails).toHaveLength(1);
    expect((await redeem(account, "MAGIC_LINK", mails[0]?.token ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the address's lookup's answer lost once: the retry records it again, and the email goes out", async () => {
    const { account, answer, mails } = await requestDuring(steps.addressLookup, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect(mails).toHaveLength(1);
    expect(await lookupNames(suite.stack, account.email)).toBe(account.username);
    expect((await redeem(account, "MAGIC_LINK", mails[0]?.token ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the user's address's answer lost once: the retry writes it again, and the email goes out", async () => {
    const { account, answer, mails } = await requestDuring(steps.userAddress, { fault: "loses-answer", times: 1 });
    expect(answer.status).toBe(202);
    expect(mails).toHaveLength(1);
    expect((await redeem(account, "EMAIL_CODE", mails[0]?.code ?? "")).outcome).toMatchObject(SIGNED_IN);
  });

  it("the link record's write conflicts (the address's limits): 429 RATE_LIMITED, nothing sent", async () => {
    const { account, answer, mails } = await requestDuring(steps.linkRecord, { fault: "conflicts" });
    expect(answer).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect(mails).toEqual([]);
    expect(await signInByNewMail(suite.stack, account.email)).toMatchObject(SIGNED_IN);
  });

  it("every answer of SES lost (mail sent, the api never told): 503, and the links that went out are revoked", async () => {
    const { account, answer, mails } = await requestDuring(steps.mail, { fault: "loses-answer" });
    expectApiFailure(answer, "SERVICE_UNAVAILABLE");
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) await expectNotRedeemable(account, mail);
    expect(await signInByNewMail(suite.stack, account.email)).toMatchObject(SIGNED_IN);
  });
});

describe.concurrent("a sign-in email asked for while a dependency fails", () => {
  for (const step of Object.values(steps) as RequestStep[]) {
    for (const fault of OUTAGES) {
      it(`${step.dependency} ${fault} at ${step.step}: ${failureCode(fault)}, nothing redeemable, then a normal sign-in`, async () => {
        const { account, answer, mails } = await requestDuring(step, { fault });
        expectApiFailure(answer, failureCode(fault));
        // Only a failed mail leaves anything behind: the link it held, which must be revoked.
        expect(mails).toHaveLength(step.dependency === "ses" ? 1 : 0);
        for (const mail of mails) await expectNotRedeemable(account, mail);
        // The person asks again at once, and signs in.
        expect(await signInByNewMail(suite.stack, account.email)).toMatchObject(SIGNED_IN);
      });
    }
  }
});

describe.concurrent("a sign-in email asked for while the user's address goes unrecorded", () => {
  const admin = () => ({
    table: { client: suite.stack.clients.dynamodb, name: suite.stack.config.tableName },
    clock: { now: () => Date.now() },
  });
  for (const fault of OUTAGES) {
    it(`dynamodb ${fault} at the user's address: the next email's link and code are still revoked by username`, async () => {
      const { account, answer } = await requestDuring(steps.userAddress, { fault });
      expectApiFailure(answer, failureCode(fault));
      // The next request may find the address's lookup fresh and ask the pool nothing: support staff
      // revoking the user's sign-ins must reach what it sends all the same.
      const mail = await requestSignInMail(suite.stack, account.email);
      expect(await revokeSignIns(admin(), account.username)).toEqual({ emails: 1, texts: 0 });
      await expectNotRedeemable(account, mail);
    });
  }
});

/** A DynamoDB call of Verify for a code or a link, and what a fault there leaves of it. */
interface VerifyCell {
  method: "EMAIL_CODE" | "MAGIC_LINK";
  operation: "GetItem" | "UpdateItem";
  fault: FaultRule["fault"];
  times?: number;
  /** What the browser gets during the fault; then, trying the same answer again once it is gone. */
  during: unknown;
  after: unknown;
}

function verifyCells(): VerifyCell[] {
  const cells: VerifyCell[] = [];
  // The code's read of the account's outstanding codes; the write that redeems a code or a link.
  const calls = [
    { method: "EMAIL_CODE", operation: "GetItem" },
    { method: "EMAIL_CODE", operation: "UpdateItem" },
    { method: "MAGIC_LINK", operation: "UpdateItem" },
  ] as const;
  for (const call of calls) {
    for (const fault of OUTAGES)
      cells.push({ ...call, fault, during: triggerFailed(failureCode(fault)), after: SIGNED_IN });
    if (call.operation === "GetItem") {
      cells.push({ ...call, fault: "loses-answer", times: 1, during: SIGNED_IN, after: REFUSED });
    } else {
      // Another redemption got there first, as far as Verify can tell; this one was never made.
      cells.push({ ...call, fault: "conflicts", during: REFUSED, after: SIGNED_IN });
      // Redeemed, then the answer lost: the retry finds it redeemed. Used up, with no tokens: a new email.
      cells.push({ ...call, fault: "loses-answer", times: 1, during: REFUSED, after: REFUSED });
    }
  }
  return cells;
}

describe.concurrent("a code or a link redeemed while DynamoDB fails", () => {
  for (const cell of verifyCells()) {
    const outcome = (expected: unknown) =>
      expected === SIGNED_IN ? "tokens" : expected === REFUSED ? "refused" : "failed";
    it(`${cell.method} with ${cell.operation} ${cell.fault}: ${outcome(cell.during)}, then ${outcome(cell.after)} for the same answer`, async () => {
      const account = await newAccount(suite.stack, "verify");
      const mail = await requestSignInMail(suite.stack, account.email);
      const answer = cell.method === "EMAIL_CODE" ? mail.code : mail.token;
      const injected = suite.faulty.faults.dynamodb.inject({
        operation: cell.operation,
        mentions: [addressItemKey(suite.stack, account.email)],
        fault: cell.fault,
        ...(cell.times && { times: cell.times }),
      });
      const during = await redeem(account, cell.method, answer);
      injected.lift();
      expect(injected.hits.length).toBeGreaterThan(0);
      expect(during.outcome).toMatchObject(cell.during as object);
      expect(during.ms).toBeLessThan(suite.boundMs);
      expect((await redeem(account, cell.method, answer)).outcome).toMatchObject(cell.after as object);
      if (cell.during !== SIGNED_IN && cell.after !== SIGNED_IN) {
        // Used up without tokens, as when a browser loses Cognito's answer: the next email comes after
        // the minute between emails, as it would have anyway.
        expect(await requestLink(suite.stack, account.email)).toMatchObject({
          status: 429,
          body: { code: "RATE_LIMITED" },
        });
      }
    });
  }
});
