/**
 * @latchkey/client's SMS code sign-in, in Node against the local stack: requestSmsCode, the code from
 * the SMS outbox, signInWithSmsCode; the typed errors an app switches on.
 */
import * as latchkey from "@latchkey/client";
import { cognitoDirectory } from "@latchkey/core/aws";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowSeconds } from "./support/sign-in-by-email.ts";
import { newPhoneNumber, smsCode, textsTo } from "./support/sms.ts";

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
});
afterAll(async () => {
  await latchkey.signOut().catch(() => undefined);
  await stack?.close();
});

/** A browser of its own: its storage keeps its tokens and the verifiers of the texts it asked for. */
function newBrowser() {
  latchkey.configure({
    cognito: { userPoolId: stack.userPoolId, clientId: stack.clientId, endpoint: stack.urls.cognito },
    apiUrl: stack.urls.api,
    storage: latchkey.memoryStorage(),
    autoRefresh: false,
  });
}

const phoneUser = async (phoneNumber: string) =>
  (await cognitoDirectory(stack.clients.cognito, stack.userPoolId).createPhoneUser(phoneNumber))?.username;

describe("the client's SMS code sign-in", () => {
  it("asks for a text and signs in with its code, as typed with spaces; the user is known by the number", async () => {
    newBrowser();
    const phoneNumber = newPhoneNumber();
    const username = await phoneUser(phoneNumber);
    const since = nowSeconds();
    const spaced = `${phoneNumber.slice(0, 3)} ${phoneNumber.slice(3, 7)} ${phoneNumber.slice(7)}`;
    await latchkey.requestSmsCode({ phoneNumber: spaced });
    const code = await smsCode(stack, phoneNumber, since);
    await latchkey.signInWithSmsCode({ phoneNumber: spaced, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(latchkey.getUser()).toMatchObject({ username, phoneNumber, phoneNumberVerified: true, email: undefined });
    expect(latchkey.getSignInMethod()).toBe("SMS_CODE");
  });

  it("refuses a code in a browser that did not ask for it, before any call", async () => {
    newBrowser();
    const phoneNumber = newPhoneNumber();
    await phoneUser(phoneNumber);
    const since = nowSeconds();
    await latchkey.requestSmsCode({ phoneNumber });
    const code = await smsCode(stack, phoneNumber, since);
    newBrowser();
    await expect(latchkey.signInWithSmsCode({ phoneNumber, code })).rejects.toMatchObject({ code: "INVALID_CODE" });
  });

  it("rejects a wrong code with SIGN_IN_FAILED, a malformed one with INVALID_CODE", async () => {
    newBrowser();
    const phoneNumber = newPhoneNumber();
    await phoneUser(phoneNumber);
    const since = nowSeconds();
    await latchkey.requestSmsCode({ phoneNumber });
    const code = await smsCode(stack, phoneNumber, since);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await expect(latchkey.signInWithSmsCode({ phoneNumber, code: wrong })).rejects.toMatchObject({
      code: "SIGN_IN_FAILED",
    });
    await expect(latchkey.signInWithSmsCode({ phoneNumber, code: "12345" })).rejects.toMatchObject({
      code: "INVALID_CODE",
    });
  });

  it.each([
    ["INVALID_PHONE_NUMBER", "07700 900123"],
    ["SMS_DESTINATION_NOT_ALLOWED", "+234 801 234 5678"],
  ])("rejects with %s, texting nothing", async (code, phoneNumber) => {
    newBrowser();
    const since = nowSeconds();
    await expect(latchkey.requestSmsCode({ phoneNumber })).rejects.toMatchObject({ code, status: 400 });
    expect(await textsTo(stack, phoneNumber.replace(/\s/g, ""), since)).toEqual([]);
  });
});

describe("the client's step-up by text", () => {
  /** A phone-only user signed in by text in a new browser. */
  async function signedInByText() {
    newBrowser();
    const phoneNumber = newPhoneNumber();
    await phoneUser(phoneNumber);
    const since = nowSeconds();
    await latchkey.requestSmsCode({ phoneNumber });
    await latchkey.signInWithSmsCode({ phoneNumber, code: await smsCode(stack, phoneNumber, since) });
    return phoneNumber;
  }
  const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

  it("offers SMS_CODE to a user with a verified number, texts it a code, and steps up with it, bound", async () => {
    const phoneNumber = await signedInByText();
    expect(await latchkey.stepUpMethods()).toEqual(["SMS_CODE"]);
    const before = claims(latchkey.getTokens()?.accessToken ?? "");
    const since = nowSeconds();
    await latchkey.requestStepUpCode({ method: "SMS_CODE" });
    const code = await smsCode(stack, phoneNumber, since);
    const tokens = await latchkey.stepUpWithCode({ code, method: "SMS_CODE", action: "delete-passkey" });
    expect(claims(tokens.accessToken)).toMatchObject({ sub: before.sub, step_up_action: "delete-passkey" });
    expect(latchkey.getTokens()).toEqual(tokens);
    expect(latchkey.getSignInMethod()).toBe("SMS_CODE");
  });

  it("refuses a texted code in a browser that asked for no step-up text, before any call", async () => {
    await signedInByText();
    const before = latchkey.getTokens();
    await expect(latchkey.stepUpWithCode({ code: "123456", method: "SMS_CODE" })).rejects.toMatchObject({
      code: "INVALID_CODE",
    });
    expect(latchkey.getTokens()).toEqual(before);
  });
});
