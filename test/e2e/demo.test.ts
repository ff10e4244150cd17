/**
 * The demo app (examples/web, built on @latchkey/ui) driven as a person would, by clicks and keys, in
 * headless Chromium against the in-process local stack. Every state of every screen is checked at
 * 1280×800 and 390×844 with axe-core (no violation), focus is checked where a view changes, and each
 * state is saved as test-results/demo/<state>-<width>.png.
 */

import { mkdirSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutAutofill } from "./support/autofill.ts";
import {
  addVirtualAuthenticator,
  credentialsOf,
  launchBrowser,
  restoreCredentials,
  setPresence,
} from "./support/browser.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { linkFromInbox } from "./support/inbox.ts";
import { checkScreen, focused } from "./support/screens.ts";
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

const check = (page: Page, name: string) => checkScreen(page, SCREENSHOTS, name);

async function openDemo(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** The link redemptions the page sent to Cognito (RespondToAuthChallenge with signInMethod MAGIC_LINK). */
function countLinkRedemptions(page: Page): () => number {
  let count = 0;
  page.on("request", (request) => {
    const target = request.headers()["x-amz-target"] ?? "";
    if (target.endsWith("RespondToAuthChallenge") && request.postData()?.includes('"MAGIC_LINK"')) count++;
  });
  return () => count;
}

/** Types the address and presses Enter; returns the link and code that arrive. */
async function askForEmail(page: Page, email: string) {
  const since = nowSeconds();
  await page.getByLabel("Email").focus();
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  return waitForSignInMail(stack, email, since);
}

describe("the demo app", () => {
  // One person's whole visit, each state at two sizes: longer than one step's default time on a busy machine.
  it("link, the passkey offer, sign out, autofill, usernameless, rename, delete", { timeout: 90_000 }, async () => {
    const asking = await openDemo();
    await addVirtualAuthenticator(asking);
    await asking.goto(stack.urls.app);
    await asking.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await focused(asking)).toBe("h1: Sign in");
    await check(asking, "01-sign-in");

    const email = "demo-walkthrough@example.com";
    const { link } = await askForEmail(asking, email);
    expect(await focused(asking)).toBe("h1: Check your email");
    await asking.getByText(`If ${email} can sign in here`).waitFor();
    await check(asking, "02-check-email");

    // The link opens in a new tab of the same browser, as from a mail app; the walk-through goes on there.
    const clicked = await linkFromInbox(stack, asking, email, (inbox) =>
      inbox.screenshot({ path: `${SCREENSHOTS}/03-inbox.png` }),
    );
    expect(clicked).toBe(link);
    const page = await asking.context().newPage();
    page.setDefaultTimeout(10_000);
    const authenticator = await addVirtualAuthenticator(page);
    await asking.close();
    const redemptions = countLinkRedemptions(page);
    await page.goto(clicked);
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    // React's StrictMode mounts the landing twice; the single-use link was redeemed once.
    expect(redemptions()).toBe(1);
    expect(new URL(page.url()).hash).toBe("");
    expect(await focused(page)).toBe("h1: You're signed in");
    await expect(page.getByRole("cell", { name: email, exact: true }).count()).resolves.toBe(1);
    const offer = page.getByRole("region", { name: "Sign in faster next time" });
    await offer.waitFor();
    await check(page, "04-passkey-offer");

    await offer.getByRole("button", { name: "Add a passkey now" }).click();
    const manager = page.getByRole("region", { name: "Passkeys" });
    const passkeys = manager.getByRole("listitem");
    await passkeys.first().waitFor();
    await offer.waitFor({ state: "hidden" });
    expect(await passkeys.count()).toBe(1);
    // The virtual authenticator is in no AAGUID list: the passkey is named after this browser.
    await passkeys.first().getByText("Chrome on Linux").waitFor();
    await expect(passkeys.first().textContent()).resolves.toMatch(/This device.*Not used to sign in yet/);
    await check(page, "05-passkey-added");

    // A passkey offered in autofill waits for the person's pick: with presence off, the request stays open.
    await setPresence(authenticator, false);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await focused(page)).toBe("h1: Sign in");
    // The next visit: the virtual authenticator picks the one passkey as soon as autofill offers it.
    await setPresence(authenticator, true);
    await page.reload();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await passkeys.first().getByText("Last used").waitFor();
    // Signed in with a passkey: no offer of one.
    expect(await page.getByRole("region", { name: "Sign in faster next time" }).count()).toBe(0);

    // A browser without autofill: the button, with no username typed; the wait can be cancelled.
    await setPresence(authenticator, false);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await withoutAutofill(page);
    await page.reload();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("button", { name: "Waiting for your passkey…" }).waitFor();
    // The email form stays usable meanwhile.
    await expect(page.getByLabel("Email").isEditable()).resolves.toBe(true);
    await check(page, "06-waiting-for-passkey");
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("status").getByText("Passkey sign-in cancelled").waitFor();
    expect(await page.getByRole("alert").filter({ hasText: /./ }).count()).toBe(0);
    await check(page, "07-passkey-cancelled");
    await setPresence(authenticator, true);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();

    // Rename by keyboard: Escape cancels and gives the focus back, Enter saves.
    const passkey = passkeys.first();
    await passkey.getByRole("button", { name: "Rename Chrome on Linux" }).focus();
    await page.keyboard.press("Enter");
    const name = passkey.getByLabel("Passkey name");
    expect(await name.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await focused(page)).toBe("button: Rename Chrome on Linux");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await passkey.getByText("Enter a name.").waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await check(page, "08-renaming-empty");
    await page.keyboard.type("Work laptop");
    await check(page, "09-renaming");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Renamed to Work laptop.").waitFor();
    await passkeys.first().getByText("Work laptop").waitFor();
    await page.reload();
    await passkeys.first().getByText("Work laptop").waitFor();

    const held = await credentialsOf(authenticator);
    // Delete asks first; the focus lands on "Keep it", and Escape keeps it.
    await passkeys.first().getByRole("button", { name: "Delete Work laptop" }).click();
    await passkeys.first().getByText("Delete Work laptop? You won't be able to sign in with it any more.").waitFor();
    expect(await focused(page)).toBe("button: Keep it");
    await check(page, "10-delete-confirm");
    await page.keyboard.press("Escape");
    expect(await focused(page)).toBe("button: Delete Work laptop");
    await page.keyboard.press("Enter");
    await passkeys.first().getByRole("button", { name: "Delete it" }).click();
    await manager.getByText("No passkeys yet").waitFor();
    await page.getByRole("status").getByText("Work laptop deleted.").waitFor();
    expect(await passkeys.count()).toBe(0);
    await check(page, "11-no-passkeys");

    // The password manager is told what the account still accepts (nothing), and drops the passkey.
    await expect.poll(() => credentialsOf(authenticator)).toEqual([]);

    // A passkey another device still holds is refused, and then dropped there too.
    await restoreCredentials(authenticator, held);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.getByRole("alert").getByText("This passkey couldn't sign you in").waitFor();
    await expect.poll(() => credentialsOf(authenticator)).toEqual([]);
    await expect(page.getByRole("heading", { name: "Sign in" }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith(".tokens")))).resolves.toBe(
      false,
    );
    await check(page, "12-deleted-passkey-refused");
    await page.context().close();
  });

  it("a resend counts down; wrong codes say how many tries are left; a pasted code submits itself", {
    timeout: 60_000,
  }, async () => {
    const page = await openDemo();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "demo-code@example.com";
    const { code } = await askForEmail(page, email);

    const resend = page.getByRole("button", { name: "Send a new email" });
    await resend.click();
    await page.getByText(/^You can ask for a new email in 0:[0-5]\d\.$/).waitFor();
    expect(await resend.getAttribute("aria-disabled")).toBe("true");
    await check(page, "13-resend-countdown");

    // Typed digit by digit, the sixth submits.
    const wrong = code === "000000" ? "111111" : "000000";
    const input = page.getByLabel("6-digit code");
    await input.focus();
    await page.keyboard.type(wrong);
    await page.getByText("That code isn't right. 2 tries left.").waitFor();
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await input.getAttribute("aria-describedby"))?.split(" ") ?? [];
    const error = await page.locator(".lk-field-error").getAttribute("id");
    expect(describedBy).toContain(error);
    await check(page, "14-wrong-code");

    // Pasted with a space in it, as some mail apps copy it.
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${code.slice(0, 3)} ${code.slice(3)}`);
    await input.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+V");
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    expect(await focused(page)).toBe("h1: You're signed in");
    const offer = page.getByRole("region", { name: "Sign in faster next time" });
    await offer.getByRole("button", { name: "Not now" }).click();
    await offer.waitFor({ state: "hidden" });
    // "Not now" holds for this sign-in.
    await page.reload();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();
    expect(await offer.isVisible()).toBe(false);

    // Another tab of this browser shares the session, and follows a sign-out made in this one.
    const otherTab = await page.context().newPage();
    await addVirtualAuthenticator(otherTab);
    await otherTab.goto(stack.urls.app);
    await otherTab.getByRole("heading", { name: "You're signed in" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await otherTab.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.context().close();
  });

  it("link pages: another browser's link asks first, then says why it was refused; damaged and expired links", {
    timeout: 60_000,
  }, async () => {
    const asking = await openDemo();
    await asking.goto(stack.urls.app);
    const email = "demo-links@example.com";
    const { link, token } = await askForEmail(asking, email);
    await asking.context().close();

    const page = await openDemo();
    await addVirtualAuthenticator(page);
    await page.goto(link);
    const confirm = page.getByRole("region", { name: "Continue as d•••s@example.com?" });
    await confirm.getByText("asked for in another browser").waitFor();
    expect(await focused(page)).toBe("h1: Continue as d•••s@example.com?");
    await check(page, "15-link-confirm");
    await confirm.getByRole("button", { name: "Continue as d•••s@example.com" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();

    // The same link again: used, and this page knows it came from another browser.
    await page.goto(link);
    await page.getByRole("button", { name: "Continue as d•••s@example.com" }).click();
    const refused = page.getByRole("region", { name: "This link can't sign you in" });
    await refused.getByText("This link was asked for in another browser").waitFor();
    expect(await focused(page)).toBe("h1: This link can't sign you in");
    await check(page, "16-link-refused");
    await refused.getByRole("button", { name: "Back to sign-in" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await focused(page)).toBe("h1: Sign in");

    // Cut short in the mail app: not a link at all, said as such, without asking Cognito.
    await page.goto(`${stack.urls.app}/#${token.slice(0, 20)}.${token.split(".")[1]}`);
    await refused.getByText("This link is incomplete or has been changed").waitFor();
    await check(page, "17-link-damaged");

    // Past its time (its payload says so; the server refuses it for its signature too).
    const [payload, signature] = token.split(".") as [string, string];
    const stale = { ...JSON.parse(Buffer.from(payload, "base64url").toString()), exp: nowSeconds() - 60 };
    await page.goto(`${stack.urls.app}/#${Buffer.from(JSON.stringify(stale)).toString("base64url")}.${signature}`);
    await page.getByRole("button", { name: "Continue as d•••s@example.com" }).click();
    await refused.getByText("This link has expired").waitFor();
    await check(page, "18-link-expired");
    await page.context().close();
  });

  it("a link that met a network failure is kept, and signs in on Try again", async () => {
    const page = await openDemo();
    await addVirtualAuthenticator(page);
    await page.goto(stack.urls.app);
    const email = "demo-offline@example.com";
    const { link } = await askForEmail(page, email);
    const redemptions = countLinkRedemptions(page);
    const cognito = `${stack.urls.cognito}/**`;
    await page.route(cognito, (route) => route.abort("internetdisconnected"));
    await page.goto(link);
    const offline = page.getByRole("region", { name: "We couldn't reach the server" });
    await offline.getByText("Your link still works").waitFor();
    expect(new URL(page.url()).hash).toBe("");
    expect(await focused(page)).toBe("h1: We couldn't reach the server");
    await check(page, "19-link-offline");
    await page.unroute(cognito);
    await offline.getByRole("button", { name: "Try again" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    expect(redemptions()).toBe(1);
    await page.context().close();
  });
});
