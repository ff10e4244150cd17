/**
 * Each dependency unreachable in turn (its proxy stops listening: every call is refused a connection).
 * What needs it fails in time, with a code and no tokens, and uses nothing up: the same request, the same
 * code, link or passkey answer works once the dependency is back. What does not need it goes on working
 * meanwhile. One dependency at a time, so these run one after another.
 */
import type { LocalStack } from "@latchkey/local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAGIC_LINK_MIN_RESPONSE_MS } from "../../packages/api/src/routes/magic-links.ts";
import { SMS_CODE_MIN_RESPONSE_MS } from "../../packages/api/src/routes/sms-codes.ts";
import { nowSeconds, requestSignInMail } from "../e2e/support/sign-in-by-email.ts";
import { smsCode } from "../e2e/support/sms.ts";
import { type FaultStack, startFaultStack } from "./support/fault-stack.ts";
import {
  type ApiAnswer,
  accountWithPasskey,
  callApi,
  newAccount,
  newPhoneAccount,
  passkeyAnswer,
  requestLink,
  requestSmsCode,
  type SignInMethod,
  signedInAccount,
  signIn,
  signInBySms,
} from "./support/flows.ts";
import { expectApiFailure, failureBoundMs, SIGNED_IN, triggerFailed } from "./support/verdicts.ts";

let faulty: FaultStack;
let stack: LocalStack;
let boundMs: number;
const logged = vi.spyOn(console, "error").mockImplementation(() => {});
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  faulty = await startFaultStack();
  stack = faulty.stack;
  boundMs = await failureBoundMs(stack);
  // One link redeemed: the triggers hold KMS's public key from then on, as a warm function does.
  const { email } = await newAccount(stack, "warm-link");
  const { token } = await requestSignInMail(stack, email);
  await signIn(stack, { login: email, signInMethod: "MAGIC_LINK", answer: token });
});
afterAll(async () => {
  await faulty?.close();
  vi.restoreAllMocks();
});

type Dependency = keyof FaultStack["faults"];

/** One try of a flow: how long it took, and whether it failed as a dependency's failure must, or worked. */
interface Attempt {
  ms: number;
  expectFailed(): void;
  expectWorked(): void;
}

const apiAttempt = (answer: ApiAnswer, okStatus: number, floorMs = 0): Attempt => ({
  ms: answer.ms - floorMs,
  expectFailed: () => expectApiFailure(answer, "SERVICE_UNAVAILABLE"),
  expectWorked: () => expect(answer.status).toBe(okStatus),
});

async function signInAttempt(login: string, signInMethod: SignInMethod, answer: string): Promise<Attempt> {
  const { outcome, ms } = await signIn(stack, { login, signInMethod, answer });
  return {
    ms,
    expectFailed: () => expect(outcome).toEqual(triggerFailed("SERVICE_UNAVAILABLE")),
    expectWorked: () => expect(outcome).toMatchObject(SIGNED_IN),
  };
}

/** A flow, what it needs, and how to set it up (while everything is up): the call, to try and try again. */
interface Flow {
  name: string;
  needs: Dependency[];
  prepare(): Promise<() => Promise<Attempt>>;
}

const flows: Flow[] = [
  {
    name: "POST /magic-links",
    needs: ["dynamodb", "cognito", "kms", "ses"],
    async prepare() {
      const { email } = await newAccount(stack, "request");
      return async () => apiAttempt(await requestLink(stack, email), 202, MAGIC_LINK_MIN_RESPONSE_MS);
    },
  },
  {
    name: "an email code through Verify",
    needs: ["dynamodb"],
    async prepare() {
      const { email } = await newAccount(stack, "code");
      const { code } = await requestSignInMail(stack, email);
      return () => signInAttempt(email, "EMAIL_CODE", code);
    },
  },
  {
    name: "a link through Verify",
    needs: ["dynamodb"],
    async prepare() {
      const { email } = await newAccount(stack, "link");
      const { token } = await requestSignInMail(stack, email);
      return () => signInAttempt(email, "MAGIC_LINK", token);
    },
  },
  {
    name: "a passkey through Verify",
    needs: ["dynamodb"],
    async prepare() {
      const account = await accountWithPasskey(stack, "passkey");
      const { answer } = await passkeyAnswer(stack, account.softKey);
      return () => signInAttempt(account.username, "PASSKEY", answer);
    },
  },
  {
    name: "POST /sms-codes",
    needs: ["dynamodb", "cognito", "sms"],
    async prepare() {
      const account = await newPhoneAccount(stack);
      return async () => apiAttempt(await requestSmsCode(stack, account), 202, SMS_CODE_MIN_RESPONSE_MS);
    },
  },
  {
    name: "a texted code through Verify",
    needs: ["dynamodb"],
    async prepare() {
      const account = await newPhoneAccount(stack);
      const since = nowSeconds();
      await requestSmsCode(stack, account);
      const code = await smsCode(stack, account.phoneNumber, since);
      return async () => {
        const { outcome, ms } = await signInBySms(stack, account, code);
        return {
          ms,
          expectFailed: () => expect(outcome).toEqual(triggerFailed("SERVICE_UNAVAILABLE")),
          expectWorked: () => expect(outcome).toMatchObject(SIGNED_IN),
        };
      };
    },
  },
  {
    name: "usernameless passkey options",
    needs: [],
    prepare: async () => async () =>
      apiAttempt(await callApi(stack, "POST", "/passkeys/authentication/options", { body: {} }), 200),
  },
  {
    name: "passkey options for a typed address",
    // The address's owner is in the table: options ask the pool nothing.
    needs: ["dynamodb"],
    async prepare() {
      const { email } = await newAccount(stack, "options");
      const body = { username: email };
      return async () => apiAttempt(await callApi(stack, "POST", "/passkeys/authentication/options", { body }), 200);
    },
  },
  {
    name: "GET /passkeys",
    needs: ["cognito", "dynamodb"],
    async prepare() {
      const { accessToken: token } = await signedInAccount(stack, "list");
      return async () => apiAttempt(await callApi(stack, "GET", "/passkeys", { token }), 200);
    },
  },
];

describe.each(["dynamodb", "cognito", "ses", "kms", "sms"] as const)("%s unreachable", (dependency) => {
  it("fails what needs it, in time, using nothing up; the rest works; once back, the same calls work", async () => {
    const calls = await Promise.all(flows.map(async (flow) => ({ flow, call: await flow.prepare() })));
    const proxy = faulty.faults[dependency];
    logged.mockClear();
    await proxy.down();
    const failed: typeof calls = [];
    try {
      for (const entry of calls) {
        const attempt = await entry.call();
        if (entry.flow.needs.includes(dependency)) {
          attempt.expectFailed();
          expect(attempt.ms, entry.flow.name).toBeLessThan(boundMs);
          failed.push(entry);
        } else {
          attempt.expectWorked();
        }
      }
    } finally {
      await proxy.up();
    }
    // What failed, in the dependency's own words, is in the log (and only there).
    const lines = logged.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
    const failures = lines.filter((line) => line.code === "SERVICE_UNAVAILABLE" || line.msg === "request failed");
    expect(failures.length).toBeGreaterThan(0);
    expect(JSON.stringify(failures)).toContain("ECONNREFUSED");
    for (const entry of failed) (await entry.call()).expectWorked();
  });
});
