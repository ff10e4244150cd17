/**
 * Step-up by text against the real local components: the Cognito emulator (GetUser, CUSTOM_AUTH with
 * the stack's triggers, the V2_0 pre token generation trigger), dynalite and the SMS outbox, whose
 * store the codes are read from. A signed-in user with a verified phone number has a code texted
 * (POST /step-up/codes, method SMS_CODE) only once the pool accepts their access token; it redeems as
 * an SMS_CODE sign-in of that user, in the browser that asked, bound to one action. The app is built
 * here as in sms-codes.test.ts, with counted AWS clients, a clock a test may set, and budgets of its own.
 */
import {
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PinpointSMSVoiceV2Client } from "@aws-sdk/client-pinpoint-sms-voice-v2";
import { apiGatewayClientIp, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import type { LatchkeyConfig } from "@latchkey/core";
import { cognitoDirectory, smsVoiceSender } from "@latchkey/core/aws";
import { sdkClientConfig } from "@latchkey/core/aws/sdk-client-config";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { countCalls } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorAccessTokens } from "../../packages/local/src/emulator-access-tokens.ts";
import { cognitoClient, customAuthSignIn, REFUSED, type SignInOutcome } from "./support/cognito.ts";
import { type PasskeyUser, passkeySignIn, passkeyUser } from "./support/passkey-user.ts";
import { nowSeconds } from "./support/sign-in-by-email.ts";
import { newBrowser, newPhoneNumber, sameRange, smsCode, textsTo } from "./support/sms.ts";

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
const clientsToClose: { destroy(): void }[] = [];
beforeAll(async () => {
  stack = await startLocalStack();
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  for (const client of [...clientsToClose, cognito]) client?.destroy();
  await stack?.close();
});

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let networks = 0;

function setup(options: { sms?: Partial<LatchkeyConfig["sms"]>; nowMs?: number } = {}) {
  const config: LatchkeyConfig = { ...stack.config, sms: { ...stack.config.sms, ...options.sms } };
  const dynamodb = new DynamoDBClient({ region: stack.region, endpoint: stack.urls.dynamodb, credentials });
  const sms = new PinpointSMSVoiceV2Client({ ...sdkClientConfig(config), endpoint: stack.urls.sms, credentials });
  clientsToClose.push(dynamodb, sms);
  const issuer = `${stack.urls.cognito}/${stack.userPoolId}`;
  const accessTokens = emulatorAccessTokens({ issuer, jwksUri: `${issuer}/.well-known/jwks.json` }, config.clientIds);
  const app = createApp({
    ...createDeps(config, { accessTokens, clientIp: apiGatewayClientIp }),
    table: { client: dynamodb, name: config.tableName },
    sms: smsVoiceSender(sms, { ...config.sms, timeToLiveSeconds: config.sms.codeExpirySeconds }),
    directory: cognitoDirectory(stack.clients.cognito, config.userPoolId),
    ...(options.nowMs !== undefined && { clock: { now: () => options.nowMs as number } }),
  });
  // Each setup is a client network of its own (an IPv6 /64), unless a request says otherwise.
  const network = `2001:db8:${(++networks).toString(16)}::1`;
  const post = (token: string | undefined, body: unknown, ip = network) =>
    app.request(
      "/step-up/codes",
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: stack.urls.app,
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      },
      { event: { requestContext: { http: { sourceIp: ip } } } },
    );
  return { post, dynamoCalls: countCalls(dynamodb), smsCalls: countCalls(sms) };
}

interface PhoneUser extends PasskeyUser {
  phoneNumber: string;
  accessToken: string;
  refreshToken: string;
}

let count = 0;
/** A user signed in with a passkey (nothing texted), then given `phoneNumber`, verified unless said. */
async function phoneUser(phoneNumber = newPhoneNumber(), verified = true): Promise<PhoneUser> {
  const user = await passkeyUser(stack, `sms-step-up-${++count}-${Date.now()}@example.com`);
  await stack.clients.cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: stack.userPoolId,
      Username: user.username,
      UserAttributes: [
        { Name: "phone_number", Value: phoneNumber },
        { Name: "phone_number_verified", Value: String(verified) },
      ],
    }),
  );
  const { accessToken, refreshToken } = tokensOf(await passkeySignIn(stack, cognito, user));
  return { ...user, phoneNumber, accessToken, refreshToken };
}

function tokensOf(outcome: SignInOutcome) {
  if ("error" in outcome) throw new Error(`sign-in failed: ${outcome.error}`);
  const { AccessToken, RefreshToken } = outcome.tokens;
  if (!AccessToken || !RefreshToken) throw new Error("no tokens");
  return { accessToken: AccessToken, refreshToken: RefreshToken };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

/** The step-up's SMS_CODE sign-in of `username`, in the browser holding `verifier`, for `action`. */
const redeem = (username: string, code: string, verifier: string, action = "delete-passkey") =>
  customAuthSignIn(cognito, stack.clientId, {
    login: username,
    signInMethod: "SMS_CODE",
    answer: code,
    clientMetadata: { smsVerifier: verifier, stepUpAction: action },
  });

/** A step-up text asked for by `user` and its code, read from the outbox. */
async function requestCode(t: ReturnType<typeof setup>, user: PhoneUser, browser = newBrowser()) {
  const since = nowSeconds();
  const response = await t.post(user.accessToken, { method: "SMS_CODE", bindingHash: browser.bindingHash });
  expect(response.status).toBe(202);
  return { browser, code: await smsCode(stack, user.phoneNumber, since) };
}

const deletePasskey = (token: string, credentialId: string) =>
  fetch(`${stack.urls.api}/passkeys/${credentialId}`, {
    method: "DELETE",
    headers: { origin: stack.urls.app, authorization: `Bearer ${token}` },
  });

describe.concurrent("a step-up by text", () => {
  it("texts the signed-in user's verified number (2 DynamoDB calls, 1 text) a code that redeems once, bound to its action", async () => {
    const t = setup();
    const user = await phoneUser();
    const browser = newBrowser();
    const since = nowSeconds();
    const response = await t.post(user.accessToken, { method: "SMS_CODE", bindingHash: browser.bindingHash });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "sent" });
    expect(t.dynamoCalls.byCommand).toEqual({ UpdateItemCommand: 1, PutItemCommand: 1 });
    expect(t.smsCalls.byCommand).toEqual({ SendTextMessageCommand: 1 });
    const [text, ...more] = await textsTo(stack, user.phoneNumber, since);
    expect(more).toEqual([]);
    const code = await smsCode(stack, user.phoneNumber, since);
    expect(text?.messageBody.split("\n").at(-1)).toBe(`@${new URL(stack.urls.app).hostname} #${code}`);

    const stepped = tokensOf(await redeem(user.username, code, browser.verifier));
    const [before, after] = [claims(user.accessToken), claims(stepped.accessToken)];
    expect(after).toMatchObject({ sub: before.sub, username: before.username, step_up_action: "delete-passkey" });
    expect(after.auth_time).toBeGreaterThanOrEqual(before.auth_time);
    expect(await redeem(user.username, code, browser.verifier)).toEqual(REFUSED);
    expect((await deletePasskey(stepped.accessToken, user.softKey.id)).status).toBe(204);
  });

  it("gives a token bound to another action that the deletion refuses", async () => {
    const t = setup();
    const user = await phoneUser();
    const { code, browser } = await requestCode(t, user);
    const stepped = tokensOf(await redeem(user.username, code, browser.verifier, "register-passkey"));
    const refused = await deletePasskey(stepped.accessToken, user.softKey.id);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
  });

  it("lets no other user, and no other browser, use the code", async () => {
    const t = setup();
    const [alice, mallory] = [await phoneUser(), await phoneUser()];
    const { code, browser } = await requestCode(t, alice);
    expect(await redeem(mallory.username, code, browser.verifier)).toEqual(REFUSED);
    expect(await redeem(mallory.phoneNumber, code, browser.verifier)).toEqual(REFUSED);
    expect(await redeem(alice.username, code, newBrowser().verifier)).toEqual(REFUSED);
    // None of those used up a try of the browser that asked.
    expect("tokens" in (await redeem(alice.username, code, browser.verifier))).toBe(true);
  });

  it("texts nothing, and calls neither DynamoDB nor the SMS service, for an anonymous, bad or ended sign-in", async () => {
    const t = setup();
    const user = await phoneUser();
    const revoked = tokensOf(await passkeySignIn(stack, cognito, user));
    await cognito.send(new RevokeTokenCommand({ Token: revoked.refreshToken, ClientId: stack.clientId }));
    const signedOut = tokensOf(await passkeySignIn(stack, cognito, user));
    await cognito.send(new GlobalSignOutCommand({ AccessToken: signedOut.accessToken }));
    const since = nowSeconds();
    const { bindingHash } = newBrowser();
    for (const token of [undefined, "not.a.token", revoked.accessToken, signedOut.accessToken]) {
      const response = await t.post(token, { method: "SMS_CODE", bindingHash });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(t.dynamoCalls.total()).toBe(0);
    expect(t.smsCalls.total()).toBe(0);
    expect(await textsTo(stack, user.phoneNumber, since - 1)).toEqual([]);
  });

  it("refuses a user without a verified number with 409 STEP_UP_METHOD_UNAVAILABLE, and texts nothing", async () => {
    const t = setup();
    const unverified = await phoneUser(newPhoneNumber(), false);
    const noPhone = await passkeyUser(stack, `no-phone-${Date.now()}@example.com`);
    const since = nowSeconds();
    for (const token of [unverified.accessToken, tokensOf(await passkeySignIn(stack, cognito, noPhone)).accessToken]) {
      const response = await t.post(token, { method: "SMS_CODE", bindingHash: newBrowser().bindingHash });
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: "STEP_UP_METHOD_UNAVAILABLE" });
    }
    expect(t.dynamoCalls.total()).toBe(0);
    expect(await textsTo(stack, unverified.phoneNumber, since - 1)).toEqual([]);
  });

  it("refuses a number outside the destination policy, and a request without a bindingHash, and texts nothing", async () => {
    const t = setup();
    const abroad = await phoneUser("+79161234567");
    const user = await phoneUser();
    const since = nowSeconds();
    const refused = await t.post(abroad.accessToken, { method: "SMS_CODE", bindingHash: newBrowser().bindingHash });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "SMS_DESTINATION_NOT_ALLOWED" });
    const unbound = await t.post(user.accessToken, { method: "SMS_CODE" });
    expect(unbound.status).toBe(400);
    expect(await unbound.json()).toMatchObject({ code: "BAD_REQUEST" });
    expect(t.smsCalls.total()).toBe(0);
    expect(await textsTo(stack, abroad.phoneNumber, since - 1)).toEqual([]);
    expect(await textsTo(stack, user.phoneNumber, since - 1)).toEqual([]);
  });

  // Each budget in an hour of its own (the api's clock), so no other test's texts count against it.
  let hours = 0;
  const ownHour = () => Date.now() + ++hours * 7200_000;
  const budgets = [
    { budget: "per number", sms: { maxPerNumberPerHour: 1 }, second: (first: string) => first },
    { budget: "per range", sms: { maxPerRangePerHour: 1 }, second: (first: string) => sameRange(first, "9876") },
    { budget: "per network", sms: { maxPerIpPerHour: 1 }, second: () => newPhoneNumber() },
    { budget: "in all", sms: { maxPerHour: 1 }, second: () => newPhoneNumber() },
  ];
  for (const { budget, sms, second } of budgets) {
    it(`gives 429 with Retry-After and texts nothing once the budget ${budget} is used up`, async () => {
      const t = setup({ sms, nowMs: ownHour() });
      const first = await phoneUser();
      await requestCode(t, first);
      const number = second(first.phoneNumber);
      const next = number === first.phoneNumber ? first : await phoneUser(number);
      const textsBefore = (await textsTo(stack, next.phoneNumber, 0)).length;
      t.smsCalls.reset();
      const refused = await t.post(next.accessToken, { method: "SMS_CODE", bindingHash: newBrowser().bindingHash });
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED" });
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(t.smsCalls.total()).toBe(0);
      expect(await textsTo(stack, next.phoneNumber, 0)).toHaveLength(textsBefore);
    });
  }
});
