/**
 * An attacker who knows a victim's address and nothing else: asking for mail in the victim's name,
 * typing wrong codes for the victim's account, from one network (an IPv4 address or an IPv6 /64).
 * Neither may take a link from the victim or stop the victim from signing in. The api runs as
 * lambda.ts builds it, against the local stack's directory, SES and DynamoDB; answers go to the
 * triggers as Cognito would send them; both share one clock, which the tests move.
 */

import { createHash } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import type { LatchkeyConfig } from "@latchkey/core";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { newVerifier } from "@latchkey/testkit/magic-links";
import { createTriggerDeps, createTriggers } from "@latchkey/triggers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolEmailOf } from "./support/cognito.ts";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

let stack: LocalStack;
const clients: { destroy(): void }[] = [];
beforeAll(async () => {
  stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await stack?.close();
});

const ATTACKER = "198.51.100.66";
const VICTIM = "203.0.113.5";
let count = 0;
const newEmail = () => `victim-${++count}@example.com`;
const hash = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

function setup(change: { magicLinks?: Partial<LatchkeyConfig["magicLinks"]>; clientIds?: string[] } = {}) {
  const config: LatchkeyConfig = {
    ...stack.config,
    clientIds: change.clientIds ?? stack.config.clientIds,
    magicLinks: { ...stack.config.magicLinks, ...change.magicLinks },
  };
  // Early in a clock hour, so that no test straddles two.
  let now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 60_000;
  const clock = { now: () => now };
  const dynamodb = new DynamoDBClient({
    region: stack.region,
    endpoint: stack.urls.dynamodb,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  clients.push(dynamodb);
  const table = { client: dynamodb, name: config.tableName };
  const platform = { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp };
  const app = createApp({ ...createDeps(config, platform), table, clock });
  const triggers = createTriggers({ ...createTriggerDeps(config), table, clock });
  return {
    /** POST /magic-links from `ip`, as API Gateway reports it. */
    ask: async (ip: string, email: string, extra: { bindingHash?: string; clientId?: string } = {}) => {
      const response = await app.request(
        "/magic-links",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html`, ...extra }),
        },
        { event: { requestContext: { http: { sourceIp: ip } } } },
      );
      return response.status;
    },
    /** One answer, as Cognito hands it to VerifyAuthChallengeResponse; whether it was taken. */
    answer: async (
      username: string,
      signInMethod: "EMAIL_CODE" | "MAGIC_LINK",
      answer: string,
      extra: { linkVerifier?: string; clientId?: string } = {},
    ) => {
      const clientId = extra.clientId ?? stack.clientId;
      const email = await poolEmailOf(stack, username);
      const event = verifyAuthChallengeEvent({ username, answer, signInMethod, clientId, email });
      if (extra.linkVerifier) event.request.clientMetadata = { signInMethod, linkVerifier: extra.linkVerifier };
      return (await triggers.verifyAuthChallengeResponse(event)).response.answerCorrect;
    },
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

/** Asks as the victim's browser does, and reads the email that arrives. */
async function victimAsks(t: ReturnType<typeof setup>, email: string, verifier = newVerifier()) {
  const since = nowSeconds();
  expect(await t.ask(VICTIM, email, { bindingHash: hash(verifier) })).toBe(202);
  return { ...(await waitForSignInMail(stack, email, since)), verifier };
}

const wrong = (code: string, by: number) => String((Number(code) + by) % 1_000_000).padStart(6, "0");

describe("an attacker who asks for mail in the victim's name", () => {
  it("revokes none of the victim's links and cannot use up the victim's emails", async () => {
    const t = setup();
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const first = await victimAsks(t, email);
    const attacker: number[] = [];
    for (let i = 0; i < 5; i++) {
      t.advance(60);
      attacker.push(await t.ask(ATTACKER, email));
    }
    // One network gets its share of the address's emails, no more.
    expect(attacker).toEqual([202, 202, 202, 429, 429]);
    t.advance(60);
    const second = await victimAsks(t, email);
    expect(await t.answer(username, "MAGIC_LINK", first.token)).toBe(true);
    expect(await t.answer(username, "EMAIL_CODE", second.code, { linkVerifier: second.verifier })).toBe(true);
  });

  it("cannot do it from many addresses of one IPv6 /64 either", async () => {
    const t = setup();
    const email = newEmail();
    await stack.createUser(email);
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) {
      t.advance(60);
      statuses.push(await t.ask(`2001:db8:bad:1:${i}::${i}`, email));
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    t.advance(60);
    expect(await t.ask("2001:db8:bad:2::1", email)).toBe(202);
  });
});

describe("an attacker who types wrong codes for the victim's account", () => {
  it("does not end the code: three, or twenty, wrong ones later the victim's browser signs in with it", async () => {
    const t = setup();
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { code, verifier } = await victimAsks(t, email);
    for (let i = 1; i <= 20; i++) expect(await t.answer(username, "EMAIL_CODE", wrong(code, i))).toBe(false);
    expect(await t.answer(username, "EMAIL_CODE", code, { linkVerifier: verifier })).toBe(true);
  });

  it("leaves the code working on the victim's other devices after three wrong ones", async () => {
    const t = setup();
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { code } = await victimAsks(t, email);
    for (let i = 1; i <= 3; i++) expect(await t.answer(username, "EMAIL_CODE", wrong(code, i))).toBe(false);
    expect(await t.answer(username, "EMAIL_CODE", code)).toBe(true);
  });

  it("spends at most the daily budget, after which only links and the asking browser's codes sign in", async () => {
    const t = setup();
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const first = await victimAsks(t, email);
    const budget = stack.config.magicLinks.maxFailedCodesPerDay;
    for (let i = 1; i <= budget + 10; i++) await t.answer(username, "EMAIL_CODE", wrong(first.code, i));
    // Guessing has stopped: even the right code, typed anywhere but in the browser that asked, is refused today.
    expect(await t.answer(username, "EMAIL_CODE", first.code)).toBe(false);
    expect(await t.answer(username, "EMAIL_CODE", first.code, { linkVerifier: newVerifier() })).toBe(false);
    // The owner is not locked out: the link works, and so does a fresh code in the browser that asked for it.
    expect(await t.answer(username, "MAGIC_LINK", first.token)).toBe(true);
    t.advance(60);
    const fresh = await victimAsks(t, email);
    expect(await t.answer(username, "EMAIL_CODE", wrong(fresh.code, 1), { linkVerifier: fresh.verifier })).toBe(false);
    expect(await t.answer(username, "EMAIL_CODE", fresh.code, { linkVerifier: fresh.verifier })).toBe(true);
    // The next day, codes typed anywhere work again.
    t.advance(86_400);
    const tomorrow = await victimAsks(t, email);
    expect(await t.answer(username, "EMAIL_CODE", tomorrow.code)).toBe(true);
  });
});

describe("the per-IP cap", () => {
  it("counts an IPv6 /64 as one client, and an IPv4-mapped address as its IPv4 address", async () => {
    const t = setup({ magicLinks: { maxRequestsPerIpPerHour: 2 } });
    expect(await t.ask("2001:db8:1:2::1", newEmail())).toBe(202);
    expect(await t.ask("2001:db8:1:2:aaaa:bbbb:cccc:dddd", newEmail())).toBe(202);
    expect(await t.ask("2001:db8:1:2::3", newEmail())).toBe(429);
    expect(await t.ask("2001:db8:1:3::1", newEmail())).toBe(202);
    expect(await t.ask("::ffff:192.0.2.44", newEmail())).toBe(202);
    expect(await t.ask("192.0.2.44", newEmail())).toBe(202);
    expect(await t.ask("::ffff:192.0.2.44", newEmail())).toBe(429);
  });
});

describe("an email's code", () => {
  it("signs in only through the app client the email was asked for, as its link does", async () => {
    const t = setup({ clientIds: [stack.clientId, "secondappclient"] });
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const since = nowSeconds();
    expect(await t.ask(VICTIM, email, { clientId: "secondappclient" })).toBe(202);
    const { code } = await waitForSignInMail(stack, email, since);
    expect(await t.answer(username, "EMAIL_CODE", code)).toBe(false);
    expect(await t.answer(username, "EMAIL_CODE", code, { clientId: "secondappclient" })).toBe(true);
  });
});
