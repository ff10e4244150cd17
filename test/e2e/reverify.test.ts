/**
 * The kit's re-verification dialog in the demo, in Chromium: with a short recent-sign-in window, a
 * passkey deletion the api refuses with RECENT_SIGN_IN_REQUIRED opens a dialog that proves the same
 * user again (a step-up with the passkey, bound to the deletion) and then deletes, without signing
 * anyone out. Checked at both sizes with axe-core, by
 * keys and clicks; screenshots in test-results/demo/.
 */

import { mkdirSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addVirtualAuthenticator, launchBrowser } from "./support/browser.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { checkScreen, focused } from "./support/screens.ts";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

const SCREENSHOTS = "test-results/demo";
/** Long enough to add the first passkey right after signing in, short enough to wait out. */
const RECENT_SIGN_IN_SECONDS = 5;

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [stack, browser] = await Promise.all([
    startLocalStack({ demo: DEMO_DIR, env: { LATCHKEY_RECENT_SIGN_IN_SECONDS: String(RECENT_SIGN_IN_SECONDS) } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const outOfWindow = () => new Promise((resolve) => setTimeout(resolve, (RECENT_SIGN_IN_SECONDS + 1.2) * 1000));

describe("re-verification", () => {
  it("proves the user again with a passkey when the api asks, then finishes the change", {
    timeout: 60_000,
  }, async () => {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "reverify@example.com";
    const since = nowSeconds();
    await page.getByLabel("Email").fill(email);
    await page.keyboard.press("Enter");
    const { code } = await waitForSignInMail(stack, email, since);
    await page.getByLabel("6-digit code").focus();
    await page.keyboard.type(code);
    const accessClaims = async () => {
      const stored = await page.evaluate((key) => localStorage.getItem(key), `latchkey.${stack.clientId}.tokens`);
      const { accessToken } = JSON.parse(stored ?? "{}") as { accessToken: string };
      return JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString());
    };
    await page
      .getByRole("region", { name: "Sign in faster next time" })
      .getByRole("button", { name: "Add a passkey now" })
      .click();
    const passkeys = page.getByRole("region", { name: "Passkeys" }).getByRole("listitem");
    await passkeys.first().waitFor();

    const signedIn = await accessClaims();
    await outOfWindow();
    await passkeys
      .first()
      .getByRole("button", { name: /^Delete / })
      .click();
    const deleteIt = passkeys.first().getByRole("button", { name: "Delete it" });
    await deleteIt.click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    expect(await focused(page)).toBe("h2: Confirm it's you");
    await checkScreen(page, SCREENSHOTS, "20-reverify");

    // Escape is a cancel: nothing is deleted, the focus goes back to the button that asked.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(page)).toBe("button: Delete it");
    expect(await passkeys.count()).toBe(1);
    expect(await page.getByRole("alert").filter({ hasText: /./ }).count()).toBe(0);

    // A code by email: the sign-in's email went out seconds ago, so the api asks to wait, in words.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Email me a code" }).click();
    await dialog
      .getByRole("alert")
      .getByText(/^Too many tries\. You can try again in 0:\d\d\.$/)
      .waitFor();
    await checkScreen(page, SCREENSHOTS, "21-reverify-email-wait");

    await dialog.getByRole("button", { name: "Use your passkey" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();
    // Still signed in, as the same user, with a new sign-in for this deletion alone.
    await expect(page.getByRole("cell", { name: email, exact: true }).count()).resolves.toBe(1);
    const steppedUp = await accessClaims();
    expect(steppedUp).toMatchObject({ sub: signedIn.sub, step_up_action: "delete-passkey" });
    expect(steppedUp.auth_time).toBeGreaterThan(signedIn.auth_time);
    await page.context().close();
  });
});
