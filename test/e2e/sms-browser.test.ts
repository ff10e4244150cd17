/**
 * Sign-in by text in headless Chromium against the in-process local stack: the page asks for a code
 * through @latchkey/client, the code is read off the SMS outbox's page as a developer reads it, and
 * the page signs in with it: real Cognito tokens for the phone-only user.
 */
import { cognitoDirectory } from "@latchkey/core/aws";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tokens } from "../../packages/client/src/index.ts";
import { callClient, openBlankPage, succeeded } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { newPhoneNumber } from "./support/sms.ts";
import { verifyTokens } from "./support/tokens.ts";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The newest text to `phoneNumber` on the outbox page, opened in a tab of its own. */
async function textOnOutboxPage(phoneNumber: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(stack.urls.sms);
    const item = page.locator("li", { has: page.locator(".to", { hasText: phoneNumber }) }).first();
    return (await item.locator(".body").textContent()) ?? "";
  } finally {
    await page.close();
  }
}

async function askForCode(page: Page, phoneNumber: string) {
  succeeded(await callClient(page, "requestSmsCode", { phoneNumber }));
  const text = await textOnOutboxPage(phoneNumber);
  const code = /^(\d{6}) is your /.exec(text)?.[1];
  if (!code) throw new Error(`no code in ${JSON.stringify(text)}`);
  return { text, code };
}

describe("sign-in by text in the browser", () => {
  it("texts a code bound to the page's origin and signs a phone-only user in with it", async () => {
    const phoneNumber = newPhoneNumber();
    const user = await cognitoDirectory(stack.clients.cognito, stack.userPoolId).createPhoneUser(phoneNumber);
    const page = await openBlankPage(stack, browser);
    const { text, code } = await askForCode(page, phoneNumber);
    expect(text.trim().split("\n").at(-1)).toBe(`@${new URL(stack.urls.app).hostname} #${code}`);
    const tokens = succeeded(await callClient<Tokens>(page, "signInWithSmsCode", { phoneNumber, code }));
    const { id } = await verifyTokens(stack, tokens);
    expect(id).toMatchObject({
      "cognito:username": user?.username,
      phone_number: phoneNumber,
      phone_number_verified: true,
    });
    expect(id.email).toBeUndefined();
    expect(await callClient(page, "getSignInMethod")).toEqual({ ok: true, value: "SMS_CODE" });
    await page.context().close();
  });

  it("does not take the code in another browser, and the asking one still can", async () => {
    const phoneNumber = newPhoneNumber();
    await cognitoDirectory(stack.clients.cognito, stack.userPoolId).createPhoneUser(phoneNumber);
    const asking = await openBlankPage(stack, browser);
    const elsewhere = await openBlankPage(stack, browser);
    const { code } = await askForCode(asking, phoneNumber);
    expect(await callClient(elsewhere, "signInWithSmsCode", { phoneNumber, code })).toMatchObject({
      ok: false,
      code: "INVALID_CODE",
    });
    succeeded(await callClient(asking, "signInWithSmsCode", { phoneNumber, code }));
    await Promise.all([asking.context().close(), elsewhere.context().close()]);
  });
});
