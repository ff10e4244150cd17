/**
 * The kit's custom elements on a plain page (test/e2e/fixtures/elements), in Chromium: elements that
 * are in the markup before anyone signs in follow the sign-in without a reload, and nothing of the
 * kit is wider than a phone's screen.
 */
import { fileURLToPath } from "node:url";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVirtualAuthenticator, launchBrowser } from "./support/browser.ts";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

const PAGE_DIR = fileURLToPath(new URL("./fixtures/elements", import.meta.url));

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack({ demo: PAGE_DIR }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the kit's elements on a plain page", () => {
  it("offer a passkey after an email sign-in, though the offer was on the page before it", async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    page.setDefaultTimeout(15_000);
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "plain-page@example.com";
    const since = nowSeconds();
    await page.getByLabel("Email").fill(email);
    await page.keyboard.press("Enter");
    const { code } = await waitForSignInMail(stack, email, since);
    await page.getByLabel("6-digit code").focus();
    await page.keyboard.type(code);

    const offer = page.getByRole("region", { name: "Sign in faster next time" });
    await offer.waitFor();
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();
    // Nothing of the kit reaches past the screen's edges.
    const overflow = await page.evaluate(
      () =>
        [...document.querySelectorAll(".lk")]
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.width > 0 && (box.left < 0 || box.right > innerWidth)).length,
    );
    expect(overflow).toBe(0);
    await offer.getByRole("button", { name: "Add a passkey now" }).click();
    await page.getByRole("region", { name: "Passkeys" }).getByRole("listitem").first().waitFor();
    expect(await offer.isVisible()).toBe(false);
  });
});
