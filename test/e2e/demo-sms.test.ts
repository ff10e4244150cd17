/**
 * Sign-in by text in the demo app (examples/web, on @latchkey/ui's `<latchkey-sms-sign-in>`), driven
 * by keys in headless Chromium against the in-process local stack: every state checked with axe-core
 * at both sizes and saved as test-results/demo/sms-<state>-<width>.png.
 */
import { mkdirSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { checkScreen } from "./support/screens.ts";
import { nowSeconds } from "./support/sign-in-by-email.ts";
import { newPhoneNumber, smsCode } from "./support/sms.ts";

const SCREENSHOTS = "test-results/demo";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startLocalStack({ demo: DEMO_DIR }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const check = (page: Page, name: string) => checkScreen(page, SCREENSHOTS, `sms-${name}`);

/** The demo, switched to sign-in by text. */
async function openDemo(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(stack.urls.app);
  await page.getByRole("button", { name: "Sign in with a text message instead" }).click();
  return page;
}

/** Types the number as people write it, with spaces, and presses Enter. */
async function askForText(page: Page, phoneNumber: string) {
  await page
    .getByLabel("Phone number")
    .fill(`${phoneNumber.slice(0, 3)} ${phoneNumber.slice(3, 7)} ${phoneNumber.slice(7)}`);
  await page.getByLabel("Phone number").press("Enter");
}

describe("sign-in by text in the demo", () => {
  it("a new number signs up by its code; a wrong code says how many tries are left", { timeout: 60_000 }, async () => {
    const page = await openDemo();
    await page.getByRole("heading", { name: "Sign in with a text message" }).waitFor();
    await check(page, "number");

    await page.getByLabel("Phone number").fill("07700 900123");
    await page.getByLabel("Phone number").press("Enter");
    await expect.poll(() => page.getByText("international format").count()).toBe(1);
    await check(page, "number-invalid");

    const phoneNumber = newPhoneNumber();
    const since = nowSeconds();
    await askForText(page, phoneNumber);
    await page.getByRole("heading", { name: "Check your phone" }).waitFor();
    await check(page, "code");
    const code = await smsCode(stack, phoneNumber, since);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await page.getByLabel("6-digit code").fill(wrong);
    await expect.poll(() => page.getByText("2 tries left").count()).toBe(1);
    await check(page, "code-wrong");

    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    expect(await page.getByText(phoneNumber, { exact: true }).count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("sends a new code that replaces the first, and goes back to another number", { timeout: 60_000 }, async () => {
    const page = await openDemo();
    const phoneNumber = newPhoneNumber();
    let since = nowSeconds();
    await askForText(page, phoneNumber);
    await page.getByRole("heading", { name: "Check your phone" }).waitFor();
    const first = await smsCode(stack, phoneNumber, since);
    since = nowSeconds();
    await page.getByRole("button", { name: "Send a new code" }).click();
    await expect.poll(() => page.getByText("A new code is on its way").count()).toBe(1);
    const second = await smsCode(stack, phoneNumber, since);
    if (second !== first) {
      await page.getByLabel("6-digit code").fill(first);
      await expect.poll(() => page.getByText("tries left").count()).toBe(1);
    }
    await page.getByRole("button", { name: "Use a different number" }).click();
    await expect(page.getByLabel("Phone number").inputValue()).resolves.toContain(phoneNumber.slice(7));
    await page.context().close();
  });
});
