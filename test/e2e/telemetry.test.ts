/**
 * What an operator sees of each flow through the local stack: every api request and trigger invocation
 * ends with one JSON line (request id, flow, outcome, refusal reason, duration) that carries the
 * metrics it counted in Embedded Metric Format; the audit events reach the stack's EventBridge bus
 * with their details; and no line holds a token, code, link, verifier, signature, key, address or
 * phone number of the run. One flow after another: the lines are read in order.
 */
import { AdminUpdateUserAttributesCommand } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  accountWithPasskey,
  callApi,
  newAccount,
  newPhoneAccount,
  passkeyAnswer,
  requestSmsCode,
  type SignedInAccount,
  signIn,
  signInBySms,
} from "../faults/support/flows.ts";
import { passkeyAssertion } from "./support/passkey-api.ts";
import { nowSeconds, requestSignInMail } from "./support/sign-in-by-email.ts";
import { newBrowser, smsCode } from "./support/sms.ts";
import { busEvents, captureLines, closing, type LogLine, metricsOf } from "./support/telemetry.ts";

let stack: LocalStack;
let lines: ReturnType<typeof captureLines>;
/** Every secret and address the run used: none may be in any line. */
const secrets = new Set<string>();
const keep = (...values: (string | undefined)[]) => {
  for (const value of values) if (value) secrets.add(value);
};

beforeAll(async () => {
  lines = captureLines();
  // The most an event may take: on two loaded cores, a healthy send must not time out.
  stack = await startLocalStack({ env: { LATCHKEY_AUDIT_EVENTS_TIMEOUT_MS: "1000" } });
  keep(stack.config.passkeys.challengeSecret, stack.config.magicLinks.signingKeyPem);
});
afterAll(async () => {
  await stack?.close();
  vi.restoreAllMocks();
});

const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const count = (dimensions: string[]) => ({ value: 1, dimensions: [[], ...dimensions.map((d) => [d])] });

/** The one closing line of `flow` since `mark`. */
function only(mark: number, flow: string): LogLine {
  const found = closing(lines.since(mark), flow);
  expect(found, flow).toHaveLength(1);
  return found[0] as LogLine;
}

/** What a sign-in's Verify line says: its method, outcome and reason, latency and sign-in metrics. */
function expectVerifyLine(line: LogLine, method: string, refusal?: string) {
  expect(line).toMatchObject({
    level: "info",
    msg: "trigger",
    requestId: uuid,
    flow: "verifyAuthChallengeResponse",
    method,
    outcome: refusal ? "refused" : "ok",
    durationMs: expect.any(Number),
    Method: method,
    ...(refusal && { reason: refusal, Reason: refusal }),
  });
  const metrics = metricsOf(line);
  expect(metrics.VerifyLatency).toEqual({ value: expect.any(Number), dimensions: [[], ["Method"]] });
  if (refusal) expect(metrics.SignInRefused).toEqual(count(["Method", "Reason"]));
  else expect(metrics.SignInSucceeded).toEqual(count(["Method"]));
  expect(Object.keys(metrics).sort()).toEqual([refusal ? "SignInRefused" : "SignInSucceeded", "VerifyLatency"]);
}

/** The events put on the bus since `skip` of the type, with the request that sent them. */
const eventsOf = async (skip: number, type: string) =>
  (await busEvents(stack, skip)).filter((event) => event["detail-type"] === type);

const tokensOf = (outcome: Awaited<ReturnType<typeof signIn>>["outcome"]) => {
  if (!("tokens" in outcome)) throw new Error(`no sign-in: ${outcome.error}`);
  const { AccessToken, IdToken, RefreshToken } = outcome.tokens;
  keep(AccessToken, IdToken, RefreshToken);
  return AccessToken ?? "";
};

describe("a sign-in by link", () => {
  it("asks for the email, signs in, and refuses the link a second time", async () => {
    const { email, username } = await newAccount(stack, "link");
    keep(email);
    const mark = lines.mark();
    const skip = (await busEvents(stack)).length;
    const { token, code } = await requestSignInMail(stack, email);
    keep(token, code);
    const request = only(mark, "requestMagicLink");
    expect(request).toMatchObject({ msg: "request", requestId: uuid, outcome: "ok", status: 202, Kind: "link" });
    // What the request cost (the local stack signs with a key of its own where AWS calls KMS Sign). The
    // address's first: the pool asked and its answer kept, so later ones cost two writes and no Cognito call.
    expect(request.calls).toEqual({
      DynamoDB: { UpdateItem: 3, PutItem: 1 },
      Cognito: { AdminGetUser: 1 },
      SES: { SendEmail: 1 },
      EventBridge: { PutEvents: 1 },
    });
    expect(metricsOf(request)).toEqual({ EmailSent: count(["Kind"]) });
    expect(await eventsOf(skip, "MagicLinkIssued")).toEqual([
      expect.objectContaining({
        source: "latchkey",
        detail: {
          requestId: request.requestId,
          username,
          clientId: stack.clientId,
          sameBrowser: false,
          expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      }),
    ]);

    const signInMark = lines.mark();
    tokensOf((await signIn(stack, { login: email, signInMethod: "MAGIC_LINK", answer: token })).outcome);
    const triggers = lines.since(signInMark).filter((line) => line.msg === "trigger");
    expect(triggers.map((line) => [line.flow, line.outcome])).toEqual([
      ["defineAuthChallenge", "ok"],
      ["createAuthChallenge", "ok"],
      ["verifyAuthChallengeResponse", "ok"],
      ["defineAuthChallenge", "ok"],
      ["preTokenGeneration", "ok"],
    ]);
    const verify = only(signInMark, "verifyAuthChallengeResponse");
    expectVerifyLine(verify, "MAGIC_LINK");
    // Define, Create and the token trigger call nothing; Verify redeems the link in one write.
    expect(triggers.map((line) => [line.flow, line.calls])).toEqual([
      ["defineAuthChallenge", undefined],
      ["createAuthChallenge", undefined],
      ["verifyAuthChallengeResponse", { DynamoDB: { UpdateItem: 1 }, EventBridge: { PutEvents: 1 } }],
      ["defineAuthChallenge", undefined],
      ["preTokenGeneration", undefined],
    ]);
    expect(await eventsOf(skip, "SignInSucceeded")).toEqual([
      expect.objectContaining({
        detail: { requestId: verify.requestId, username, method: "MAGIC_LINK", clientId: stack.clientId },
      }),
    ]);

    const replayMark = lines.mark();
    const replayed = await signIn(stack, { login: email, signInMethod: "MAGIC_LINK", answer: token });
    expect("tokens" in replayed.outcome).toBe(false);
    const refused = only(replayMark, "verifyAuthChallengeResponse");
    expectVerifyLine(refused, "MAGIC_LINK", "link not redeemable");
    expect(await eventsOf(skip, "SignInRefused")).toEqual([
      expect.objectContaining({
        detail: {
          requestId: refused.requestId,
          method: "MAGIC_LINK",
          reason: "link not redeemable",
          clientId: stack.clientId,
          username,
        },
      }),
    ]);
  });
});

describe("a sign-in by email code", () => {
  it("refuses a wrong code, then signs in with the right one", async () => {
    const { email, username } = await newAccount(stack, "code");
    keep(email);
    const { code, token } = await requestSignInMail(stack, email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    keep(code, token, wrong);
    const mark = lines.mark();
    await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: wrong });
    expectVerifyLine(only(mark, "verifyAuthChallengeResponse"), "EMAIL_CODE", "wrong code");
    const skip = (await busEvents(stack)).length;
    const rightMark = lines.mark();
    tokensOf((await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: code })).outcome);
    expectVerifyLine(only(rightMark, "verifyAuthChallengeResponse"), "EMAIL_CODE");
    expect((await eventsOf(skip, "SignInSucceeded")).map((event) => event.detail)).toEqual([
      expect.objectContaining({ username, method: "EMAIL_CODE" }),
    ]);
  });

  it("refuses a user Cognito does not know, naming nobody in the line or the event", async () => {
    const email = `nobody-${Date.now()}@example.com`;
    keep(email);
    const skip = (await busEvents(stack)).length;
    const mark = lines.mark();
    await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: "123456" });
    expectVerifyLine(only(mark, "verifyAuthChallengeResponse"), "EMAIL_CODE", "user not found");
    const [event] = await eventsOf(skip, "SignInRefused");
    expect(event?.detail).toEqual({
      requestId: expect.any(String),
      method: "EMAIL_CODE",
      reason: "user not found",
      clientId: stack.clientId,
    });
  });
});

describe("a rate limit", () => {
  it("refuses a second email to the address within the minute: RateLimited with its limit, no email, no event", async () => {
    const { email } = await newAccount(stack, "limited");
    keep(email);
    const first = await requestSignInMail(stack, email);
    keep(first.token, first.code);
    const skip = (await busEvents(stack)).length;
    const mark = lines.mark();
    const again = await callApi(stack, "POST", "/magic-links", {
      body: { email, redirectUri: `${stack.urls.app}/blank.html` },
    });
    expect(again.status).toBe(429);
    const line = only(mark, "requestMagicLink");
    expect(line).toMatchObject({
      outcome: "refused",
      reason: "address rate limited",
      code: "RATE_LIMITED",
      status: 429,
      Limit: "address rate limited",
    });
    expect(metricsOf(line)).toEqual({ RateLimited: count(["Limit"]) });
    expect(await busEvents(stack, skip)).toEqual([]);
  });
});

describe("passkeys", () => {
  let account: SignedInAccount & Awaited<ReturnType<typeof accountWithPasskey>>;
  let credentialId: string;

  it("registers one: PasskeyRegistered, and the notice email counted", async () => {
    const skip = (await busEvents(stack)).length;
    const mark = lines.mark();
    account = await accountWithPasskey(stack, "passkey");
    keep(account.email, account.accessToken);
    const line = only(mark, "registrationVerify");
    expect(line).toMatchObject({ outcome: "ok", status: 201, Kind: "notice" });
    expect(metricsOf(line)).toEqual({ EmailSent: count(["Kind"]) });
    const [registered] = await eventsOf(skip, "PasskeyRegistered");
    expect(registered?.detail).toEqual({
      requestId: line.requestId,
      username: account.username,
      credentialId: expect.any(String),
      friendlyName: expect.any(String),
      aaguid: expect.any(String),
      backedUp: expect.any(Boolean),
    });
    credentialId = String(registered?.detail.credentialId);
  });

  it("signs in with the email as username, and usernameless", async () => {
    const skip = (await busEvents(stack)).length;
    const optionsMark = lines.mark();
    const withEmail = await passkeyAssertion(stack, account.softKey, account.email);
    keep(withEmail.response.signature, withEmail.response.clientDataJSON, withEmail.response.authenticatorData);
    const options = only(optionsMark, "authenticationOptions");
    expect(options).toMatchObject({ outcome: "ok", status: 200 });
    // The typed email's owner read from the table (written when the passkey was registered), then the
    // account's passkeys listed: no call to Cognito.
    expect(options.calls).toEqual({ DynamoDB: { GetItem: 1, Query: 1 } });
    const mark = lines.mark();
    tokensOf(
      (await signIn(stack, { login: account.email, signInMethod: "PASSKEY", answer: JSON.stringify(withEmail) }))
        .outcome,
    );
    const verify = only(mark, "verifyAuthChallengeResponse");
    expectVerifyLine(verify, "PASSKEY");
    // The credential read, then one write that redeems the challenge and moves the counter; the audit event.
    expect(verify.calls).toEqual({
      DynamoDB: { GetItem: 1, UpdateItem: 1 },
      EventBridge: { PutEvents: 1 },
    });

    const usernamelessOptionsMark = lines.mark();
    const usernameless = await passkeyAnswer(stack, account.softKey);
    // Usernameless options call nothing: the challenge is signed, not stored.
    expect(only(usernamelessOptionsMark, "authenticationOptions").calls).toBeUndefined();
    keep(usernameless.answer, usernameless.challenge);
    const usernamelessMark = lines.mark();
    tokensOf(
      (await signIn(stack, { login: account.username, signInMethod: "PASSKEY", answer: usernameless.answer })).outcome,
    );
    expectVerifyLine(only(usernamelessMark, "verifyAuthChallengeResponse"), "PASSKEY");
    expect((await eventsOf(skip, "SignInSucceeded")).map((event) => event.detail)).toEqual([
      expect.objectContaining({ username: account.username, method: "PASSKEY", credentialId }),
      expect.objectContaining({ username: account.username, method: "PASSKEY", credentialId }),
    ]);
  });

  it("renames it, steps up with it for deletion, and deletes it", async () => {
    const skip = (await busEvents(stack)).length;
    const renamed = await callApi(stack, "PATCH", `/passkeys/${credentialId}`, {
      token: account.accessToken,
      body: { friendlyName: "Work laptop" },
    });
    expect(renamed.status).toBe(200);
    const { answer } = await passkeyAnswer(stack, account.softKey);
    keep(answer);
    const mark = lines.mark();
    const stepped = tokensOf(
      (
        await signIn(stack, {
          login: account.username,
          signInMethod: "PASSKEY",
          answer,
          clientMetadata: { stepUpAction: "delete-passkey" },
        })
      ).outcome,
    );
    expectVerifyLine(only(mark, "verifyAuthChallengeResponse"), "PASSKEY");
    const deleteMark = lines.mark();
    const deleted = await callApi(stack, "DELETE", `/passkeys/${credentialId}`, { token: stepped });
    expect(deleted.status).toBe(204);
    expect(only(deleteMark, "deletePasskey")).toMatchObject({ outcome: "ok", status: 204, Kind: "notice" });
    const events = await busEvents(stack, skip);
    expect(events.map((event) => [event["detail-type"], event.detail])).toEqual([
      ["PasskeyRenamed", { requestId: uuid, username: account.username, credentialId, friendlyName: "Work laptop" }],
      [
        "StepUpSucceeded",
        {
          requestId: uuid,
          username: account.username,
          method: "PASSKEY",
          clientId: stack.clientId,
          action: "delete-passkey",
          credentialId,
        },
      ],
      ["PasskeyDeleted", { requestId: uuid, username: account.username, credentialId }],
    ]);
  });
});

describe("step-ups by code", () => {
  it("steps up with an emailed code, and with a texted one", async () => {
    // An account signed in by text that has just had a verified address added: no email went to it yet.
    const phone = await newPhoneAccount(stack);
    const { phoneNumber } = phone;
    const email = `step-up-${Date.now()}@example.com`;
    keep(phoneNumber, email, phone.browser.verifier);
    const since = nowSeconds() - 1;
    expect((await requestSmsCode(stack, phone)).status).toBe(202);
    const signInCode = await smsCode(stack, phoneNumber, since);
    keep(signInCode);
    const account = {
      username: phone.username,
      email,
      accessToken: tokensOf((await signInBySms(stack, phone, signInCode)).outcome),
    };
    await stack.clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: account.username,
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    const skip = (await busEvents(stack)).length;
    const mark = lines.mark();
    const asked = await callApi(stack, "POST", "/step-up/codes", { token: account.accessToken, body: {} });
    expect(asked.status).toBe(202);
    expect(only(mark, "requestStepUpCode")).toMatchObject({ outcome: "ok", Kind: "code", EmailSent: 1 });
    const mail = (await (await fetch(`${stack.urls.ses}/store?since=${since}`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const text = mail.emails.filter((m) => m.destination.to.includes(account.email)).at(-1)?.body.text ?? "";
    const code = /\b(\d{6})\b/.exec(text)?.[1] ?? "";
    keep(code);
    const byEmail = tokensOf(
      (
        await signIn(stack, {
          login: account.username,
          signInMethod: "EMAIL_CODE",
          answer: code,
          clientMetadata: { stepUpAction: "register-passkey" },
        })
      ).outcome,
    );
    expect(byEmail).not.toBe("");

    const browser = newBrowser();
    keep(browser.verifier, browser.bindingHash);
    const textMark = lines.mark();
    const texted = await callApi(stack, "POST", "/step-up/codes", {
      token: account.accessToken,
      body: { method: "SMS_CODE", bindingHash: browser.bindingHash },
    });
    expect(texted.status).toBe(202);
    expect(only(textMark, "requestStepUpCode")).toMatchObject({ outcome: "ok", Kind: "step-up", SmsSent: 1 });
    const smsAnswer = await smsCode(stack, phoneNumber, nowSeconds() - 1);
    keep(smsAnswer);
    const smsMark = lines.mark();
    tokensOf(
      (
        await signIn(stack, {
          login: account.username,
          signInMethod: "SMS_CODE",
          answer: smsAnswer,
          clientMetadata: { smsVerifier: browser.verifier, stepUpAction: "register-passkey" },
        })
      ).outcome,
    );
    expectVerifyLine(only(smsMark, "verifyAuthChallengeResponse"), "SMS_CODE");
    const events = await busEvents(stack, skip);
    expect(events.map((event) => [event["detail-type"], event.detail])).toEqual([
      [
        "EmailCodeIssued",
        {
          requestId: uuid,
          username: account.username,
          clientId: stack.clientId,
          purpose: "step-up",
          expiresAt: expect.any(String),
        },
      ],
      ["StepUpSucceeded", expect.objectContaining({ method: "EMAIL_CODE", action: "register-passkey" })],
      [
        "SmsCodeIssued",
        {
          requestId: uuid,
          username: account.username,
          clientId: stack.clientId,
          purpose: "step-up",
          expiresAt: expect.any(String),
        },
      ],
      ["StepUpSucceeded", expect.objectContaining({ method: "SMS_CODE", action: "register-passkey" })],
    ]);
  });
});

describe("a sign-in by text", () => {
  it("texts the code, counted, and signs in with it", async () => {
    const account = await newPhoneAccount(stack);
    keep(account.phoneNumber, account.browser.verifier, account.browser.bindingHash);
    const skip = (await busEvents(stack)).length;
    const since = nowSeconds() - 1;
    const mark = lines.mark();
    expect((await requestSmsCode(stack, account)).status).toBe(202);
    const request = only(mark, "requestSmsCode");
    expect(request).toMatchObject({ outcome: "ok", status: 202, Kind: "sign-in" });
    expect(metricsOf(request)).toEqual({ SmsSent: count(["Kind"]) });
    const code = await smsCode(stack, account.phoneNumber, since);
    keep(code);
    const signInMark = lines.mark();
    tokensOf((await signInBySms(stack, account, code)).outcome);
    expectVerifyLine(only(signInMark, "verifyAuthChallengeResponse"), "SMS_CODE");
    const events = await busEvents(stack, skip);
    expect(events.map((event) => [event["detail-type"], event.detail])).toEqual([
      [
        "SmsCodeIssued",
        {
          requestId: request.requestId,
          username: account.username,
          clientId: stack.clientId,
          purpose: "sign-in",
          expiresAt: expect.any(String),
        },
      ],
      ["SignInSucceeded", expect.objectContaining({ username: account.username, method: "SMS_CODE" })],
    ]);
  });
});

describe("requests the api refuses", () => {
  it("end with a line naming the error code, and so does a route that does not exist", async () => {
    const mark = lines.mark();
    expect((await callApi(stack, "GET", "/passkeys")).status).toBe(401);
    expect((await callApi(stack, "GET", "/no-such-route")).status).toBe(404);
    expect(only(mark, "listPasskeys")).toMatchObject({
      outcome: "refused",
      reason: "UNAUTHORIZED",
      code: "UNAUTHORIZED",
      status: 401,
    });
    expect(only(mark, "notFound")).toMatchObject({ outcome: "refused", status: 404 });
  });
});

describe("the whole run's log", () => {
  it("holds no token, code, link secret, verifier, signature, key, address or phone number it used", () => {
    expect(secrets.size).toBeGreaterThan(20);
    const log = lines.all.join("\n");
    expect(lines.all.length).toBeGreaterThan(50);
    for (const secret of secrets) expect(log.includes(secret), `the log holds ${secret.slice(0, 12)}…`).toBe(false);
    // A link's token in pieces: its payload and its signature.
    for (const secret of secrets) {
      for (const part of secret.split(".").filter((piece) => piece.length >= 20)) expect(log).not.toContain(part);
    }
  });
});
