/**
 * Same-browser links (LATCHKEY_LINK_BINDING=same-browser) in headless Chromium: the browser that
 * asked keeps a verifier, so the link works there (any tab) and nowhere else, while the code works on
 * any device. This stack has sign-up off, so unknown addresses get no mail.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import { blankPageUrl, type LatchkeyWindow, readMail, waitForSignInMail } from "./support/sign-in-by-email.ts";

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
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function openBlankPage(context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await browser.newContext())).newPage();
  await page.goto(blankPageUrl(stack));
  return page;
}

async function requestLink(page: Page, email: string) {
  const since = nowSeconds();
  await page.evaluate((input) => (window as unknown as LatchkeyWindow).Latchkey.requestSignInLink(input), {
    email,
    redirectUri: blankPageUrl(stack),
  });
  return waitForSignInMail(stack, email, since);
}

/** Opens the link in `page` and lets the client redeem it; the error code, or "SIGNED_IN". */
async function openAndRedeem(page: Page, link: string): Promise<string> {
  await page.goto(link);
  return page.evaluate(() =>
    (window as unknown as LatchkeyWindow).Latchkey.signInWithLink().then(
      (tokens) => (tokens.idToken ? "SIGNED_IN" : "NO_TOKENS"),
      (error: { code?: string }) => error.code ?? "ERROR",
    ),
  );
}

describe("same-browser magic links", () => {
  it("fail in another browser context and then succeed in the browser that asked", async () => {
    const asking = await openBlankPage();
    const other = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestLink(asking, email);
    expect(await openAndRedeem(other, link)).toBe("SIGN_IN_FAILED");
    expect(await other.evaluate(() => (window as unknown as LatchkeyWindow).Latchkey.getTokens())).toBeUndefined();
    // The failed attempt consumed nothing: the browser that asked still signs in with the same link.
    expect(await openAndRedeem(asking, link)).toBe("SIGNED_IN");
    await Promise.all([asking.context().close(), other.context().close()]);
  });

  it("work in a new tab of the browser that asked, as when a mail app opens the link", async () => {
    const asking = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestLink(asking, email);
    const newTab = await openBlankPage(asking.context());
    expect(await openAndRedeem(newTab, link)).toBe("SIGNED_IN");
    await asking.context().close();
  });

  it("still let the code sign in on another device", async () => {
    const asking = await openBlankPage();
    const other = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { code } = await requestLink(asking, email);
    const result = await other.evaluate(
      (input) =>
        (window as unknown as LatchkeyWindow).Latchkey.signInWithCode(input).then(
          (tokens) => (tokens.idToken ? "SIGNED_IN" : "NO_TOKENS"),
          (error: { code?: string }) => error.code ?? "ERROR",
        ),
      { email, code },
    );
    expect(result).toBe("SIGNED_IN");
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
    const page = await openBlankPage();
    const since = nowSeconds();
    const known = newEmail();
    await stack.createUser(known);
    const unknown = newEmail();
    const outcomes = await page.evaluate(
      async ({ emails, redirectUri }) => {
        const { Latchkey } = window as unknown as LatchkeyWindow;
        const results: string[] = [];
        for (const email of emails) {
          results.push(
            await Latchkey.requestSignInLink({ email, redirectUri }).then(
              () => "OK",
              (e: Error) => e.message,
            ),
          );
        }
        return results;
      },
      { emails: [known, unknown], redirectUri: blankPageUrl(stack) },
    );
    expect(outcomes).toEqual(["OK", "OK"]);
    await waitForSignInMail(stack, known, since);
    const mail = await readMail(stack, since);
    expect(mail.filter((m) => m.destination.to.includes(unknown))).toEqual([]);
    await page.context().close();
  });
});
