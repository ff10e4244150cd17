/**
 * The demo app (examples/web) driven as a person would, by clicks and typing, in headless Chromium
 * against the in-process local stack. Each step saves a screenshot to test-results/demo/.
 */

import { mkdirSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutAutofill } from "./support/autofill.ts";
import { addVirtualAuthenticator, launchBrowser, setPresence } from "./support/browser.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { linkFromInbox } from "./support/inbox.ts";
import { nowSeconds, waitForSignInMail } from "./support/sign-in-by-email.ts";

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

const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

async function openDemo(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** Types the address and asks for an email; returns the link and code that arrive. */
async function askForEmail(page: Page, email: string) {
  const since = nowSeconds();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  return waitForSignInMail(stack, email, since);
}

describe("the demo app", () => {
  it("link, add a passkey, sign out, autofill, usernameless, rename, delete", async () => {
    const asking = await openDemo();
    await addVirtualAuthenticator(asking);
    await asking.goto(stack.urls.app);
    await asking.getByRole("heading", { name: "Sign in" }).waitFor();
    await shoot(asking, "01-sign-in");

    const email = "demo-walkthrough@example.com";
    const { link } = await askForEmail(asking, email);
    await shoot(asking, "02-check-email");
    const [inboxPage] = await Promise.all([
      asking.context().waitForEvent("page"),
      asking.getByRole("link", { name: "local inbox" }).click(),
    ]);
    expect(inboxPage.url()).toBe(`${stack.urls.ses}/`);
    await inboxPage.close();

    // The link opens in a new tab of the same browser, as from a mail app; the walk-through goes on there.
    const clicked = await linkFromInbox(stack, asking, email, (inbox) => shoot(inbox, "03-inbox"));
    expect(clicked).toBe(link);
    const page = await asking.context().newPage();
    page.setDefaultTimeout(10_000);
    const authenticator = await addVirtualAuthenticator(page);
    await asking.close();
    // Whatever the landing page shows on the way must never be the error card.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.body?.textContent?.includes("This link didn't work")) document.title = "saw the link error";
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(clicked);
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.title()).not.toBe("saw the link error");
    await expect(page.getByRole("cell", { name: email, exact: true }).count()).resolves.toBe(1);
    const invite = page.getByRole("region", { name: "Add a passkey" });
    await invite.waitFor();
    await shoot(page, "04-signed-in-by-link");

    await invite.getByRole("button", { name: "Add a passkey now" }).click();
    const passkeys = page.getByRole("region", { name: "Passkeys" }).getByRole("listitem");
    await passkeys.first().waitFor();
    await invite.waitFor({ state: "detached" });
    expect(await passkeys.count()).toBe(1);
    await expect(passkeys.first().textContent()).resolves.toContain("Never used to sign in");
    await shoot(page, "05-passkey-added");

    // A passkey offered in autofill waits for the person's pick: with presence off, the request stays open.
    await setPresence(authenticator, false);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await shoot(page, "06-signed-out");
    // The next visit: the virtual authenticator picks the one passkey as soon as autofill offers it.
    await setPresence(authenticator, true);
    await page.reload();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await expect(passkeys.first().textContent()).resolves.toContain("Last used");
    await shoot(page, "07-signed-in-by-autofill");

    // A browser without autofill: the button, and no username typed.
    await setPresence(authenticator, false);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await setPresence(authenticator, true);
    await withoutAutofill(page);
    await page.reload();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await expect(page.getByRole("cell", { name: email, exact: true }).count()).resolves.toBe(1);

    const passkey = passkeys.first();
    await passkey.getByRole("button", { name: "Rename" }).click();
    await passkey.getByLabel("Passkey name").fill("Work laptop");
    await shoot(page, "08-renaming");
    await passkey.getByRole("button", { name: "Save" }).click();
    await passkey.getByText("Work laptop").waitFor();
    await page.reload();
    await passkeys.first().getByText("Work laptop").waitFor();
    await shoot(page, "09-renamed");

    await passkeys.first().getByRole("button", { name: "Delete" }).click();
    await shoot(page, "10-delete-confirm");
    await passkeys.first().getByRole("button", { name: "Delete it" }).click();
    await page.getByText("No passkeys yet").waitFor();
    expect(await passkeys.count()).toBe(0);

    // The authenticator still holds the passkey; the account no longer accepts it.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("alert").getByText("couldn't sign you in").waitFor();
    await expect(page.getByRole("heading", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith(".tokens")))).resolves.toBe(
      false,
    );
    await shoot(page, "11-deleted-passkey-refused");
  });

  it("code from the email after a wrong one; a resend within the minute is refused; the used link then fails", async () => {
    const page = await openDemo();
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "demo-code@example.com";
    const { link, code } = await askForEmail(page, email);

    await page.getByRole("button", { name: "Send a new email" }).click();
    await page
      .getByRole("alert")
      .getByText(/You can ask again in \d+ seconds/)
      .waitFor();

    const wrong = code === "000000" ? "111111" : "000000";
    await page.getByLabel("6-digit code").fill(wrong);
    await page.getByRole("button", { name: "Sign in with the code" }).click();
    await page.getByRole("alert").getByText("That code isn't right").waitFor();
    await shoot(page, "12-wrong-code");

    await page.getByLabel("6-digit code").fill(code);
    await page.getByRole("button", { name: "Sign in with the code" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await page.getByRole("region", { name: "Add a passkey" }).getByRole("button", { name: "Not now" }).click();
    await page.getByRole("region", { name: "Add a passkey" }).waitFor({ state: "detached" });

    // Another tab of this browser shares the session, and follows a sign-out made in this one.
    const otherTab = await page.context().newPage();
    await addVirtualAuthenticator(otherTab);
    await otherTab.goto(stack.urls.app);
    await otherTab.getByRole("heading", { name: "You're signed in" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await otherTab.getByRole("heading", { name: "Sign in" }).waitFor();

    // The code consumed the link too: opened elsewhere, it explains and offers the way back.
    const elsewhere = await openDemo();
    await addVirtualAuthenticator(elsewhere);
    await elsewhere.goto(link);
    // Another browser asked for it: the page asks first, and only then tries the link.
    await elsewhere
      .getByRole("region", { name: "Confirm sign-in" })
      .getByRole("button", { name: /^Continue as/ })
      .click();
    await elsewhere.getByRole("heading", { name: "This link didn't work" }).waitFor();
    await elsewhere.getByRole("alert").getByText("expired or was already used").waitFor();
    await shoot(elsewhere, "13-used-link");
    await elsewhere.getByRole("button", { name: "Back to sign-in" }).click();
    await elsewhere.getByRole("heading", { name: "Sign in" }).waitFor();
  });
});
