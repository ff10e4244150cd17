/**
 * Same-browser links (LATCHKEY_LINK_BINDING=same-browser) in headless Chromium: the browser that
 * asked keeps a verifier, so the link works there (any tab) and nowhere else, while the code works on
 * any device. This stack has sign-up off, so unknown addresses get no mail.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blankPageUrl, callClient, openBlankPage } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { nowSeconds, readMail, requestMagicLink, waitForSignInMail } from "./support/sign-in-by-email.ts";
import { confirmSignInLink, openSignInLink } from "./support/sign-in-link.ts";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LATCHKEY_LINK_BINDING: "same-browser", LATCHKEY_ALLOW_SIGN_UP: "false" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

let count = 0;
const newEmail = () => `bound-${++count}@example.com`;
const SIGNED_IN = { ok: true, value: { status: "signed-in", tokens: { idToken: expect.any(String) } } };
const REFUSED = { ok: false, code: "SIGN_IN_FAILED" };

/** Opens the link in `page` and lets the client redeem it. */
async function openAndRedeem(page: Page, link: string) {
  await page.goto(link);
  return openSignInLink(page);
}

describe("same-browser magic links", () => {
  it("fail in another browser context and then succeed in the browser that asked", async () => {
    const asking = await openBlankPage(stack, browser);
    const other = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestMagicLink(stack, asking, email);
    // The other browser did not ask: it must confirm first, and then the binding refuses the link.
    expect(await openAndRedeem(other, link)).toMatchObject({ ok: true, value: { reason: "other-browser" } });
    expect(await confirmSignInLink(other)).toMatchObject(REFUSED);
    expect(await callClient(other, "getTokens")).toEqual({ ok: true, value: null });
    // The failed attempt consumed nothing: the browser that asked still signs in with the same link.
    expect(await openAndRedeem(asking, link)).toMatchObject(SIGNED_IN);
    await Promise.all([asking.context().close(), other.context().close()]);
  });

  it("work in a new tab of the browser that asked, as when a mail app opens the link", async () => {
    const asking = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestMagicLink(stack, asking, email);
    const newTab = await openBlankPage(stack, asking.context());
    expect(await openAndRedeem(newTab, link)).toMatchObject(SIGNED_IN);
    await asking.context().close();
  });

  it("still let the code sign in on another device", async () => {
    const asking = await openBlankPage(stack, browser);
    const other = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { code } = await requestMagicLink(stack, asking, email);
    expect(await callClient(other, "signInWithCode", { email, code })).toMatchObject({
      ok: true,
      value: { idToken: expect.any(String) },
    });
    await Promise.all([asking.context().close(), other.context().close()]);
  });

  it("are refused without a binding hash", async () => {
    const response = await fetch(`${stack.urls.api}/magic-links`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: newEmail(), redirectUri: blankPageUrl(stack) }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("BAD_REQUEST");
  });
});

describe("an unknown address with sign-up off", () => {
  it("gets the same 202 and no mail", async () => {
    const page = await openBlankPage(stack, browser);
    const since = nowSeconds();
    const known = newEmail();
    await stack.createUser(known);
    const unknown = newEmail();
    for (const email of [known, unknown]) {
      const requested = await callClient(page, "requestMagicLink", { email, redirectUri: blankPageUrl(stack) });
      expect({ email, requested }).toEqual({ email, requested: { ok: true, value: null } });
    }
    await waitForSignInMail(stack, known, since);
    const mail = await readMail(stack, since);
    expect(mail.filter((m) => m.destination.to.includes(unknown))).toEqual([]);
    await page.context().close();
  });
});
