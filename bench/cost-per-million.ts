/**
 * What a million sign-ins cost on AWS, per method, at list prices: each sign-in run through the local
 * stack as it runs in AWS (magic links signed by KMS, here a stand-in speaking its protocol), from the
 * first request to the tokens, its cost read off the closing log lines of its invocations (durations,
 * calls by service and operation) and the bytes it logged. Durations are this machine's on loopback:
 * in AWS each call is a round trip in the region, so Lambda's share there is larger.
 *
 * Prints a Markdown table (the README's) on stderr, where `pnpm bench` shows it, then one JSON line of
 * figures on stdout.
 */

import { startLocalStack } from "@latchkey/local";
import { FAKE_KMS_KEY_ID, startFakeKms } from "@latchkey/testkit/faults";
import { passkeyAssertion } from "../test/e2e/support/passkey-api.ts";
import { nowSeconds, requestSignInMail, type SignInMail } from "../test/e2e/support/sign-in-by-email.ts";
import { smsCode } from "../test/e2e/support/sms.ts";
import {
  accountWithPasskey,
  newAccount,
  newPhoneAccount,
  passkeyAnswer,
  requestSmsCode,
  signIn,
  signInBySms,
} from "../test/faults/support/flows.ts";
import { type CostPerMillion, priceSignIn } from "./cost/price-sign-in.ts";
import { apiRequestsOf, billedMsOf, callsOf, profileOf, type SignInProfile, sum } from "./cost/sign-in-profile.ts";

const ROUNDS = 10;

const lines: string[] = [];
const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
const print = (line: string) => void process.stderr.write(`${line}\n`);
for (const level of ["log", "info", "warn", "error"] as const) console[level] = keep;

const kms = await startFakeKms();
process.env.AWS_ENDPOINT_URL_KMS = kms.url;
const stack = await startLocalStack({
  env: {
    LATCHKEY_SIGNING_KEY_PEM: "",
    LATCHKEY_KMS_KEY_ID: FAKE_KMS_KEY_ID,
    LATCHKEY_LINK_MAX_PER_IP_HOURLY: "1000000",
    LATCHKEY_SMS_MAX_PER_IP_HOURLY: "1000000",
    LATCHKEY_SMS_MAX_PER_RANGE_HOURLY: "1000000",
    // SMS signs one returning user in again and again.
    LATCHKEY_SMS_MAX_PER_NUMBER_HOURLY: "1000000",
    LATCHKEY_SMS_MAX_HOURLY: "5000",
  },
});

const signedIn = (outcome: Awaited<ReturnType<typeof signIn>>["outcome"], method: string) => {
  if (!("tokens" in outcome)) throw new Error(`${method} sign-in failed: ${outcome.error}`);
};

/** The least time between two emails to one address (LATCHKEY_LINK_MIN_GAP_SECONDS' floor). */
const EMAIL_GAP_MS = 61_000;

/**
 * An address per round (the next each call) whose account asked for an email before, as a returning
 * user has: its lookup is kept. The first call waits out the gap between two emails to one address.
 */
async function returningAddresses(label: string) {
  const emails: string[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const { email } = await newAccount(stack, `${label}-${i}`);
    await requestSignInMail(stack, email);
    emails.push(email);
  }
  const ready = Date.now() + EMAIL_GAP_MS;
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, ready - Date.now()));
    const email = emails.shift();
    if (!email) throw new Error("more rounds than addresses");
    return email;
  };
}

/** A sign-in by what the email brought (its link or its code), each round a returning address of its own. */
function byEmail(label: string, signInMethod: "MAGIC_LINK" | "EMAIL_CODE", answerOf: (mail: SignInMail) => string) {
  return async () => {
    const next = await returningAddresses(label);
    return async () => {
      const email = await next();
      const answer = answerOf(await requestSignInMail(stack, email));
      signedIn((await signIn(stack, { login: email, signInMethod, answer })).outcome, signInMethod);
    };
  };
}

/** Each method's sign-in, set up (an account, a passkey) outside what it measures. */
const methods: Record<string, () => Promise<() => Promise<void>>> = {
  "Passkey, usernameless": async () => {
    const account = await accountWithPasskey(stack, "cost-usernameless");
    return async () => {
      const { answer } = await passkeyAnswer(stack, account.softKey);
      signedIn((await signIn(stack, { login: account.username, signInMethod: "PASSKEY", answer })).outcome, "passkey");
    };
  },
  "Passkey, email typed": async () => {
    const account = await accountWithPasskey(stack, "cost-email");
    return async () => {
      const answer = JSON.stringify(await passkeyAssertion(stack, account.softKey, account.email));
      signedIn((await signIn(stack, { login: account.email, signInMethod: "PASSKEY", answer })).outcome, "passkey");
    };
  },
  "Magic link": byEmail("cost-link", "MAGIC_LINK", (mail) => mail.token),
  "Email code": byEmail("cost-code", "EMAIL_CODE", (mail) => mail.code),
  "SMS code": async () => {
    const account = await newPhoneAccount(stack);
    return async () => {
      const since = nowSeconds();
      const asked = await requestSmsCode(stack, account);
      if (asked.status !== 202) throw new Error(`POST /sms-codes answered ${asked.status}`);
      signedIn((await signInBySms(stack, account, await smsCode(stack, account.phoneNumber, since))).outcome, "sms");
    };
  },
};

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

interface MethodFigures {
  cost: CostPerMillion;
  perSignIn: { apiRequests: number; invocations: number; billedMs: number; calls: Record<string, number> };
}

/**
 * One sign-in per method per round, rounds alternating the methods, each method a returning user: the
 * round before the first warms each path up (a first call pays for lazy imports and connections) and
 * leaves what a returning user has (an address's lookup, say).
 */
async function measure(): Promise<Record<string, MethodFigures>> {
  const profiles: Record<string, SignInProfile[]> = {};
  const signIns: [string, () => Promise<void>][] = [];
  for (const [method, setUp] of Object.entries(methods)) signIns.push([method, await setUp()]);
  for (let round = -1; round < ROUNDS; round++) {
    for (const [method, signInOnce] of signIns) {
      const mark = lines.length;
      await signInOnce();
      if (round < 0) continue;
      profiles[method] ??= [];
      profiles[method].push(profileOf(lines.slice(mark)));
    }
  }
  return Object.fromEntries(
    Object.entries(profiles).map(([method, runs]) => {
      const costs = runs.map(priceSignIn);
      const cost = Object.fromEntries(
        Object.keys(costs[0] as CostPerMillion).map((key) => [
          key,
          mean(costs.map((c) => c[key as keyof CostPerMillion])),
        ]),
      ) as CostPerMillion;
      const first = runs[0] as SignInProfile;
      const services = ["DynamoDB", "KMS", "SES", "SMS", "EventBridge", "Cognito"];
      return [
        method,
        {
          cost,
          perSignIn: {
            apiRequests: apiRequestsOf(first),
            invocations: first.invocations.length,
            billedMs: Math.round(mean(runs.map(billedMsOf))),
            calls: Object.fromEntries(services.map((service) => [service, sum(callsOf(first, service))])),
          },
        },
      ];
    }),
  );
}

const figures = await measure();
await stack.close();
await kms.close();

const usd = (value: number) => `$${value.toFixed(2)}`;
const columns: (keyof CostPerMillion)[] = [
  "apiGateway",
  "lambda",
  "dynamodb",
  "kms",
  "ses",
  "eventBridge",
  "logs",
  "total",
];
print("| method | API Gateway | Lambda | DynamoDB | KMS | SES | EventBridge | Logs | total | calls per sign-in |");
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const [method, { cost, perSignIn }] of Object.entries(figures)) {
  const calls = Object.entries(perSignIn.calls)
    .filter(([, count]) => count > 0)
    .map(([service, count]) => `${count} ${service}`)
    .join(", ");
  const note = `${perSignIn.apiRequests} api, ${perSignIn.invocations} Lambda (${perSignIn.billedMs} ms), ${calls}`;
  print(`| ${method} | ${columns.map((column) => usd(cost[column])).join(" | ")} | ${note} |`);
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(0);
