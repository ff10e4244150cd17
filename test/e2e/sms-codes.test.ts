/**
 * POST /sms-codes and SMS_CODE sign-in against the real local components: the Cognito emulator (user
 * lookup, sign-up, CUSTOM_AUTH with the stack's triggers), dynalite and the SMS outbox, whose store the
 * codes are read from. The app is built here, as lambda.ts builds it (a request's address comes from
 * its API Gateway event), with counted AWS clients and a clock a test may set. What a failing
 * dependency does to these flows is the fault suite's (test/faults/sms-codes.test.ts).
 */

import {
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { type LatchkeyConfig, smsCodeItemKey } from "@latchkey/core";
import { cognitoDirectory, smsVoiceSender } from "@latchkey/core/aws";
import { sdkClientConfig } from "@latchkey/core/aws/sdk-client-config";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { countCalls } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf } from "../../packages/local/test/cognito/test-pool.ts";
import { cognitoClient, customAuthSignIn, REFUSED } from "./support/cognito.ts";
import { nowSeconds } from "./support/sign-in-by-email.ts";
import { newBrowser, newPhoneNumber, sameRange, smsCode, textsTo } from "./support/sms.ts";

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
const clientsToClose: { destroy(): void }[] = [];
beforeAll(async () => {
  stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  for (const client of [...clientsToClose, cognito]) client?.destroy();
  await stack?.close();
});

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let networks = 0;

function setup(
  options: { sms?: Partial<LatchkeyConfig["sms"]>; allowSignUp?: boolean; clientIds?: string[]; nowMs?: number } = {},
) {
  const config: LatchkeyConfig = {
    ...stack.config,
    clientIds: options.clientIds ?? stack.config.clientIds,
    magicLinks: { ...stack.config.magicLinks, allowSignUp: options.allowSignUp ?? false },
    sms: { ...stack.config.sms, ...options.sms },
  };
  const dynamodb = new DynamoDBClient({ region: stack.region, endpoint: stack.urls.dynamodb, credentials });
  const sms = new PinpointSMSVoiceV2Client({ ...sdkClientConfig(config), endpoint: stack.urls.sms, credentials });
  clientsToClose.push(dynamodb, sms);
  const deps = {
    ...createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }),
    table: { client: dynamodb, name: config.tableName },
    sms: smsVoiceSender(sms, { ...config.sms, timeToLiveSeconds: config.sms.codeExpirySeconds }),
    directory: cognitoDirectory(stack.clients.cognito, config.userPoolId),
    ...(options.nowMs !== undefined && { clock: { now: () => options.nowMs as number } }),
  };
  const app = createApp(deps);
  // Each setup is a client network of its own (an IPv6 /64), unless a test says otherwise.
  const network = `2001:db8:${(++networks).toString(16)}::1`;
  const post = (body: unknown, init: { ip?: string; headers?: Record<string, string> } = {}) =>
    app.request(
      "/sms-codes",
      { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: JSON.stringify(body) },
      { event: { requestContext: { http: { sourceIp: init.ip ?? network } } } },
    );
  return {
    post,
    dynamoCalls: countCalls(dynamodb),
    smsCalls: countCalls(sms),
    codeRecord: async (username: string, bindingHash: string) =>
      (
        await dynamodb.send(
          new GetItemCommand({
            TableName: config.tableName,
            Key: smsCodeItemKey({ username }, bindingHash),
            ConsistentRead: true,
          }),
        )
      ).Item,
  };
}

/** A user as an admin makes one: this phone number (verified or not), and an email if given. */
async function createUser(phoneNumber: string, options: { verified?: boolean; email?: string } = {}) {
  const { User } = await stack.clients.cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: stack.userPoolId,
      Username: options.email ?? phoneNumber,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "phone_number", Value: phoneNumber },
        { Name: "phone_number_verified", Value: String(options.verified ?? true) },
        ...(options.email
          ? [
              { Name: "email", Value: options.email },
              { Name: "email_verified", Value: "true" },
            ]
          : []),
      ],
    }),
  );
  return User?.Username ?? "";
}

/** CUSTOM_AUTH with SMS_CODE, typed in the browser that holds `verifier`. */
const signIn = (login: string, code: string, verifier: string) =>
  customAuthSignIn(cognito, stack.clientId, {
    login,
    signInMethod: "SMS_CODE",
    answer: code,
    clientMetadata: { smsVerifier: verifier },
  });

/** A code asked for and read from the outbox. */
async function requestCode(t: ReturnType<typeof setup>, phoneNumber: string, browser = newBrowser()) {
  const since = nowSeconds();
  const response = await t.post({ phoneNumber, bindingHash: browser.bindingHash });
  expect(response.status).toBe(202);
  return { browser, code: await smsCode(stack, phoneNumber, since) };
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe.concurrent("POST /sms-codes and SMS_CODE sign-in", () => {
  it("texts a phone-only user a code (2 DynamoDB calls, 1 text) that signs them in once, by their number", async () => {
    const t = setup();
    const phoneNumber = newPhoneNumber();
    const username = await createUser(phoneNumber);
    const browser = newBrowser();
    const since = nowSeconds();
    const response = await t.post(
      { phoneNumber, bindingHash: browser.bindingHash },
      { headers: { origin: stack.urls.app } },
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted" });
    expect(t.dynamoCalls.byCommand).toEqual({ UpdateItemCommand: 1, PutItemCommand: 1 });
    expect(t.smsCalls.byCommand).toEqual({ SendTextMessageCommand: 1 });

    const [text] = await textsTo(stack, phoneNumber, since);
    const code = await smsCode(stack, phoneNumber, since);
    expect(text?.messageBody.split("\n").at(-1)).toBe(`@${new URL(stack.urls.app).hostname} #${code}`);
    expect(text).toMatchObject({ messageType: "TRANSACTIONAL", maxPrice: "0.20", timeToLive: 300 });
    // DynamoDB holds hashes only.
    const record = JSON.stringify(await t.codeRecord(username, browser.bindingHash));
    expect(record).not.toContain(code);
    expect(record).not.toContain(phoneNumber.slice(1));

    const signedIn = await signIn(phoneNumber, code, browser.verifier);
    if ("error" in signedIn) throw new Error(signedIn.error);
    expect(signedIn.username).toBe(username);
    expect(claimsOf(signedIn.tokens.IdToken ?? "")).toMatchObject({
      phone_number: phoneNumber,
      phone_number_verified: true,
    });
    expect(await signIn(phoneNumber, code, browser.verifier)).toEqual(REFUSED);
  });

  it("signs in a user with an email and a number by a text, whichever they type as USERNAME", async () => {
    const t = setup();
    const phoneNumber = newPhoneNumber();
    const email = `both-${phoneNumber.slice(1)}@example.com`;
    const username = await createUser(phoneNumber, { email });
    for (const login of [email, phoneNumber, username]) {
      const { code, browser } = await requestCode(t, phoneNumber);
      const signedIn = await signIn(login, code, browser.verifier);
      expect("tokens" in signedIn && signedIn.username).toBe(username);
    }
  });

  it("answers an unknown number exactly like a known one, texts nothing, and makes the same calls", async () => {
    const t = setup();
    const known = newPhoneNumber();
    await createUser(known);
    const since = nowSeconds();
    const knownResponse = await t.post({ phoneNumber: known, bindingHash: newBrowser().bindingHash });
    const knownCalls = { ...t.dynamoCalls.byCommand };
    t.dynamoCalls.reset();
    const unknown = newPhoneNumber();
    const browser = newBrowser();
    const unknownResponse = await t.post({ phoneNumber: unknown, bindingHash: browser.bindingHash });
    expect(unknownResponse.status).toBe(knownResponse.status);
    expect(await unknownResponse.text()).toBe(await knownResponse.text());
    expect([...unknownResponse.headers.keys()]).toEqual([...knownResponse.headers.keys()]);
    expect(t.dynamoCalls.byCommand).toEqual(knownCalls);
    expect(await textsTo(stack, unknown, since)).toEqual([]);
    // No code there works, whatever is typed.
    expect(await signIn(unknown, "123456", browser.verifier)).toEqual(REFUSED);
  });

  it("texts nothing to a number an account holds unverified, and signs nobody up with it", async () => {
    const t = setup({ allowSignUp: true });
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber, { verified: false });
    const since = nowSeconds();
    expect((await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash })).status).toBe(202);
    expect(await textsTo(stack, phoneNumber, since)).toEqual([]);
  });

  it("signs up an unknown number just in time when allowed, verified by the code it signs in with", async () => {
    const t = setup({ allowSignUp: true });
    const phoneNumber = newPhoneNumber();
    const { code, browser } = await requestCode(t, phoneNumber);
    const user = await cognitoDirectory(stack.clients.cognito, stack.userPoolId).findByPhoneNumber(phoneNumber);
    expect(user?.username).toMatch(/^[0-9a-f-]{36}$/);
    const signedIn = await signIn(phoneNumber, code, browser.verifier);
    expect("tokens" in signedIn && signedIn.username).toBe(user?.username);
  });

  it("refuses a used code, a fourth try, and a code typed in another browser", async () => {
    const t = setup();
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    const first = await requestCode(t, phoneNumber);
    expect(await signIn(phoneNumber, first.code, newBrowser().verifier)).toEqual(REFUSED);
    expect("tokens" in (await signIn(phoneNumber, first.code, first.browser.verifier))).toBe(true);
    expect(await signIn(phoneNumber, first.code, first.browser.verifier)).toEqual(REFUSED);

    const second = await requestCode(t, phoneNumber);
    for (let i = 0; i < 3; i++) {
      expect(await signIn(phoneNumber, wrongCode(second.code), second.browser.verifier)).toEqual(REFUSED);
    }
    expect(await signIn(phoneNumber, second.code, second.browser.verifier)).toEqual(REFUSED);
  });

  it("refuses an expired code", async () => {
    // Asked for five minutes and a second ago, by the api's clock; Verify's is the real one.
    const t = setup({ nowMs: Date.now() - 301_000 });
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    const { code, browser } = await requestCode(t, phoneNumber);
    expect(await signIn(phoneNumber, code, browser.verifier)).toEqual(REFUSED);
  });

  it("refuses a code texted to another user's number, and one asked for through another app client", async () => {
    const t = setup({ clientIds: [stack.clientId, "secondappclient"] });
    const [alice, bob] = [newPhoneNumber(), newPhoneNumber()];
    await createUser(alice);
    await createUser(bob);
    const forAlice = await requestCode(t, alice);
    expect(await signIn(bob, forAlice.code, forAlice.browser.verifier)).toEqual(REFUSED);

    const browser = newBrowser();
    const since = nowSeconds();
    const other = await t.post({ phoneNumber: bob, bindingHash: browser.bindingHash, clientId: "secondappclient" });
    expect(other.status).toBe(202);
    expect(await signIn(bob, await smsCode(stack, bob, since), browser.verifier)).toEqual(REFUSED);
    expect("tokens" in (await signIn(alice, forAlice.code, forAlice.browser.verifier))).toBe(true);
  });

  it("lets exactly one of two concurrent redemptions of a code sign in", async () => {
    const t = setup();
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    const { code, browser } = await requestCode(t, phoneNumber);
    const sessions = await Promise.all(
      [0, 1].map(() =>
        cognito.send(
          new InitiateAuthCommand({
            AuthFlow: "CUSTOM_AUTH",
            ClientId: stack.clientId,
            AuthParameters: { USERNAME: phoneNumber },
          }),
        ),
      ),
    );
    const results = await Promise.allSettled(
      sessions.map((started) =>
        cognito.send(
          new RespondToAuthChallengeCommand({
            ChallengeName: "CUSTOM_CHALLENGE",
            ClientId: stack.clientId,
            Session: started.Session,
            ChallengeResponses: { USERNAME: started.ChallengeParameters?.USERNAME ?? "", ANSWER: code },
            ClientMetadata: { signInMethod: "SMS_CODE", smsVerifier: browser.verifier },
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it.each([
    ["a country off the allowlist", "+2348012345678"],
    ["a premium number inside an allowed country", "+449012345678"],
    ["a Caribbean number inside +1", "+18765550100"],
  ])(
    "refuses %s with 400 SMS_DESTINATION_NOT_ALLOWED, before any call, texting nothing",
    async (_name, phoneNumber) => {
      const t = setup({ allowSignUp: true });
      const since = nowSeconds();
      const response = await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: "SMS_DESTINATION_NOT_ALLOWED", message: expect.any(String) });
      expect(response.headers.get("retry-after")).toBeNull();
      expect(t.dynamoCalls.total() + t.smsCalls.total()).toBe(0);
      expect(await textsTo(stack, phoneNumber, since)).toEqual([]);
    },
  );

  it.each([
    "447700900123",
    "+44 7700 900123",
    "+44-7700-900123",
    "+0447700900123",
    "+1234567890123456",
    "07700900123",
    "+44770090012３",
  ])("refuses %j with 400 INVALID_PHONE_NUMBER, before any call", async (phoneNumber) => {
    const t = setup();
    const response = await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: "INVALID_PHONE_NUMBER", message: expect.any(String) });
    expect(t.dynamoCalls.total()).toBe(0);
  });

  it.each([
    ["no bindingHash", { phoneNumber: "+447700900123" }],
    ["a malformed bindingHash", { phoneNumber: "+447700900123", bindingHash: "short" }],
    ["a number for phoneNumber", { phoneNumber: 447700900123, bindingHash: newBrowser().bindingHash }],
    [
      "another pool's app client",
      { phoneNumber: "+447700900123", bindingHash: newBrowser().bindingHash, clientId: "x" },
    ],
  ])("refuses %s with 400 BAD_REQUEST", async (_name, body) => {
    const response = await setup().post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("BAD_REQUEST");
  });
});

describe.concurrent("POST /sms-codes budgets: each answers 429 with Retry-After and texts nothing", () => {
  let hours = 0;
  /** Ten minutes into an hour of its own, far ahead: the hour's counters (the global one too) are this test's. */
  const ownHour = () => (Math.floor(Date.now() / 3_600_000) + 1000 + ++hours) * 3_600_000 + 600_000;

  async function expectRefused(t: ReturnType<typeof setup>, phoneNumber: string, ip?: string) {
    // Texts accepted a moment ago may share this second: count them all, before and after.
    const before = (await textsTo(stack, phoneNumber, 0)).length;
    t.smsCalls.reset();
    const response = await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash }, { ip });
    expect(response.status).toBe(429);
    expect(((await response.json()) as { code: string }).code).toBe("RATE_LIMITED");
    expect(response.headers.get("retry-after")).toBe("3000");
    expect(t.smsCalls.total()).toBe(0);
    expect(await textsTo(stack, phoneNumber, 0)).toHaveLength(before);
  }

  it("per number, from any network", async () => {
    const t = setup({ sms: { maxPerNumberPerHour: 2 }, nowMs: ownHour() });
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    for (const ip of ["203.0.113.1", "203.0.113.2"]) {
      expect((await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash }, { ip })).status).toBe(202);
    }
    await expectRefused(t, phoneNumber, "203.0.113.3");
  });

  it("per range of 10,000 numbers", async () => {
    const t = setup({ sms: { maxPerRangePerHour: 2 }, nowMs: ownHour() });
    const first = newPhoneNumber();
    for (const phoneNumber of [first, sameRange(first, "0124")]) {
      await createUser(phoneNumber);
      expect((await t.post({ phoneNumber, bindingHash: newBrowser().bindingHash })).status).toBe(202);
    }
    const third = sameRange(first, "0125");
    await createUser(third);
    await expectRefused(t, third);
  });

  it("per client network, never read from X-Forwarded-For", async () => {
    const t = setup({ sms: { maxPerIpPerHour: 2 }, nowMs: ownHour() });
    for (let i = 0; i < 2; i++) {
      const headers = { "x-forwarded-for": `198.51.100.${i}` };
      const accepted = await t.post(
        { phoneNumber: newPhoneNumber(), bindingHash: newBrowser().bindingHash },
        { headers },
      );
      expect(accepted.status).toBe(202);
    }
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    await expectRefused(t, phoneNumber);
  });

  it("in all, an hour", async () => {
    const t = setup({ sms: { maxPerHour: 2 }, nowMs: ownHour() });
    for (let i = 0; i < 2; i++) {
      const accepted = await t.post(
        { phoneNumber: newPhoneNumber(), bindingHash: newBrowser().bindingHash },
        { ip: `203.0.113.${10 + i}` },
      );
      expect(accepted.status).toBe(202);
    }
    const phoneNumber = newPhoneNumber();
    await createUser(phoneNumber);
    await expectRefused(t, phoneNumber, "203.0.113.20");
  });
});
