/**
 * Login CSRF with any-browser links, in headless Chromium: a page that carries someone else's link
 * (here: a link the attacker asked for, for the attacker's own account) must not sign the visitor in
 * without them confirming, nor replace the session of whoever is signed in; the page says which
 * account the link is for. A link the browser asked for itself, with nobody else signed in, signs in
 * at once. First the client's API on the blank page, then the demo's link page, by clicks.
 */
import { mkdirSync } from "node:fs";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blankPageUrl, callClient, openBlankPage } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { nowSeconds, requestMagicLink, signInByEmail, waitForSignInMail } from "./support/sign-in-by-email.ts";
import { confirmSignInLink, openSignInLink } from "./support/sign-in-link.ts";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  mkdirSync("test-results/demo", { recursive: true });
  [stack, browser] = await Promise.all([startLocalStack({ demo: DEMO_DIR }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

let count = 0;
const newEmail = (name: string) => `${name}-${++count}@example.com`;
/** How the link page shows an address: "mallory-3@example.com" -> "m•••3@example.com". */
const masked = (email: string) => `${email[0]}•••${email.split("@")[0]?.at(-1)}@${email.split("@")[1]}`;

/** The attacker asks for a link to their own account from their own machine, leading to `page`. */
async function attackersLink(email: string, redirectUri = blankPageUrl(stack)): Promise<string> {
  const since = nowSeconds() - 1;
  const response = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri }),
  });
  expect(response.status).toBe(202);
  return (await waitForSignInMail(stack, email, since)).link;
}

async function emailOf(page: Page): Promise<string | undefined> {
  const user = await callClient<{ email?: string } | null>(page, "getUser");
  return user.ok ? user.value?.email : undefined;
}

describe("signInWithLink", () => {
  it("does not sign in with a link another browser asked for until the person confirms, and says for whom", async () => {
    const page = await openBlankPage(stack, browser);
    const attacker = newEmail("mallory");
    await page.goto(await attackersLink(attacker));
    expect(await openSignInLink(page)).toEqual({
      ok: true,
      value: { status: "needs-confirmation", account: masked(attacker), reason: "other-browser" },
    });
    expect(new URL(page.url()).hash).toBe("");
    expect(await callClient(page, "getTokens")).toEqual({ ok: true, value: null });
    expect(await confirmSignInLink(page)).toMatchObject({ ok: true, value: { idToken: expect.any(String) } });
    expect(await emailOf(page)).toBe(attacker);
    await page.context().close();
  });

  it("keeps the signed-in user's session when someone else's link is opened, unless the person confirms", async () => {
    const page = await openBlankPage(stack, browser);
    const victim = newEmail("victim");
    const before = await signInByEmail(stack, page, victim);
    await page.goto(await attackersLink(newEmail("mallory")));
    expect(await openSignInLink(page)).toMatchObject({ ok: true, value: { reason: "other-user" } });
    expect(await callClient(page, "getTokens")).toMatchObject({ ok: true, value: { idToken: before.idToken } });
    expect(await emailOf(page)).toBe(victim);
    await page.context().close();
  });

  it("asks first when another user is signed in, even for a link this browser asked for", async () => {
    const page = await openBlankPage(stack, browser);
    const [first, second] = [newEmail("first"), newEmail("second")];
    await signInByEmail(stack, page, first);
    const { link } = await requestMagicLink(stack, page, second);
    await page.goto(link);
    expect(await openSignInLink(page)).toEqual({
      ok: true,
      value: { status: "needs-confirmation", account: masked(second), reason: "other-user" },
    });
    expect(await emailOf(page)).toBe(first);
    expect(await confirmSignInLink(page)).toMatchObject({ ok: true });
    expect(await emailOf(page)).toBe(second);
    await page.context().close();
  });

  it("signs in at once with a link this browser asked for, with nobody signed in, in any of its tabs", async () => {
    const asking = await openBlankPage(stack, browser);
    const email = newEmail("self");
    const { link } = await requestMagicLink(stack, asking, email);
    const tab = await openBlankPage(stack, asking.context());
    await tab.goto(link);
    expect(await openSignInLink(tab)).toMatchObject({ ok: true, value: { status: "signed-in" } });
    expect(await emailOf(tab)).toBe(email);
    await asking.context().close();
  });
});

describe("the demo's link page", () => {
  async function openDemo(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }
  const tokensStored = (page: Page) =>
    page.evaluate(() => Object.keys(localStorage).some((key) => key.endsWith(".tokens")));

  it("shows a planted link's account and signs in only on Continue", async () => {
    const page = await openDemo();
    const attacker = newEmail("mallory");
    const link = await attackersLink(attacker, `${stack.urls.app}/`);
    await page.goto(link);
    const card = page.getByRole("region", { name: /^Continue as / });
    await card.getByRole("heading", { name: `Continue as ${masked(attacker)}?` }).waitFor();
    await card.getByText("asked for in another browser").waitFor();
    expect(await tokensStored(page)).toBe(false);
    await page.screenshot({ path: "test-results/demo/14-confirm-planted-link.png", fullPage: true });
    await card.getByRole("button", { name: `Continue as ${masked(attacker)}` }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await expect(page.getByRole("cell", { name: attacker, exact: true }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("keeps the signed-in person signed in when they cancel a link for another account", async () => {
    const page = await openDemo();
    await page.goto(blankPageUrl(stack));
    const victim = newEmail("victim");
    await signInByEmail(stack, page, victim);
    const attacker = newEmail("mallory");
    await page.goto(await attackersLink(attacker, `${stack.urls.app}/`));
    const card = page.getByRole("region", { name: /^Continue as / });
    await card.getByText(`You're signed in here as ${victim}`).waitFor();
    await page.screenshot({ path: "test-results/demo/15-confirm-other-user.png", fullPage: true });
    await card.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    await expect(page.getByRole("cell", { name: victim, exact: true }).count()).resolves.toBe(1);
    await page.context().close();
  });

  it("signs in straight away from a link this browser asked for", async () => {
    const page = await openDemo();
    await page.goto(stack.urls.app);
    const email = newEmail("self");
    const since = nowSeconds();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    const { link } = await waitForSignInMail(stack, email, since);
    await page.goto(link);
    await page.getByRole("heading", { name: "You're signed in" }).waitFor();
    expect(await page.getByRole("region", { name: /^Continue as / }).count()).toBe(0);
    await page.context().close();
  });
});
