/**
 * The magic-link flow in headless Chromium against the in-process local stack: ask for a link in the
 * page, read the mail from the SES emulator, open the link, and end up with Cognito tokens.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser.ts";
import {
  blankPageUrl,
  type LatchkeyWindow,
  type SignedInTokens,
  signInByEmail,
  waitForSignInMail,
} from "./support/sign-in-by-email.ts";

let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

let count = 0;
const newEmail = () => `link-${++count}@example.com`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A fresh browser context (its own storage: another browser, as far as the app can tell). */
async function openBlankPage(): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
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

/** Runs a client call in the page; resolves with its tokens or with the error's code. */
function attempt(page: Page, call: "signInWithLink" | { email: string; code: string }) {
  return page.evaluate(async (call) => {
    const { Latchkey } = window as unknown as LatchkeyWindow;
    try {
      const tokens = call === "signInWithLink" ? await Latchkey.signInWithLink() : await Latchkey.signInWithCode(call);
      return { tokens, code: undefined };
    } catch (error) {
      return { tokens: undefined, code: (error as { code?: string }).code };
    }
  }, call);
}

/** The emulator serves its keys over plain HTTP on loopback; aws-jwt-verify's own fetcher wants HTTPS. */
const jwksCache = new SimpleJwksCache({
  fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
});

/** Real Cognito tokens for `email`: the ID token verifies against the pool's keys and names the user. */
async function expectValidTokens(tokens: SignedInTokens | undefined, email: string) {
  const verifier = JwtVerifier.create(
    { issuer: stack.config.issuer, audience: stack.clientId, jwksUri: `${stack.config.issuer}/.well-known/jwks.json` },
    { jwksCache },
  );
  const claims = await verifier.verify(tokens?.idToken ?? "");
  expect(claims).toMatchObject({ email, token_use: "id" });
  expect(String(claims["cognito:username"])).toMatch(/^[0-9a-f-]{36}$/);
  expect(tokens?.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
}

describe("magic links in the browser", () => {
  it("signs in from the emailed link, and the token leaves the address bar", async () => {
    const page = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestLink(page, email);
    await page.goto(link);
    expect(new URL(page.url()).hash).not.toBe("");
    const { tokens, code } = await attempt(page, "signInWithLink");
    expect(code).toBeUndefined();
    await expectValidTokens(tokens, email);
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate(() => (window as unknown as LatchkeyWindow).Latchkey.getTokens()?.idToken)).toBe(
      tokens?.idToken,
    );
    await page.context().close();
  });

  it("signs in with the code in another browser context", async () => {
    const asking = await openBlankPage();
    const elsewhere = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { code } = await requestLink(asking, email);
    const result = await attempt(elsewhere, { email, code });
    expect(result.code).toBeUndefined();
    await expectValidTokens(result.tokens, email);
    await Promise.all([asking.context().close(), elsewhere.context().close()]);
  });

  it("signs up a new address just in time and signs it in (the sign-in helper's path)", async () => {
    const page = await openBlankPage();
    const email = newEmail();
    const tokens = await signInByEmail(stack, page, email);
    await expectValidTokens(tokens, email);
    await page.context().close();
  });

  it("refuses a used link and a used code, and hands out no tokens", async () => {
    const page = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { link, code } = await requestLink(page, email);
    await page.goto(link);
    expect((await attempt(page, "signInWithLink")).tokens).toBeDefined();
    const again = await openBlankPage();
    await again.goto(link);
    expect(await attempt(again, "signInWithLink")).toEqual({ tokens: undefined, code: "SIGN_IN_FAILED" });
    expect(await attempt(again, { email, code })).toEqual({ tokens: undefined, code: "SIGN_IN_FAILED" });
    await Promise.all([page.context().close(), again.context().close()]);
  });

  it("consumes nothing when the link is merely fetched or opened (as scanners do)", async () => {
    const page = await openBlankPage();
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestLink(page, email);
    // A prefetching scanner: a plain GET, and a full page load that runs the page's scripts.
    expect((await fetch(link)).status).toBe(200);
    const scanner = await openBlankPage();
    await scanner.goto(link);
    await scanner.waitForLoadState("networkidle");
    await page.goto(link);
    const { tokens } = await attempt(page, "signInWithLink");
    await expectValidTokens(tokens, email);
    await Promise.all([page.context().close(), scanner.context().close()]);
  });

  it("reports a page opened without a link token as an invalid link", async () => {
    const page = await openBlankPage();
    await page.goto(`${blankPageUrl(stack)}#not-a-token`);
    expect(await attempt(page, "signInWithLink")).toEqual({ tokens: undefined, code: "INVALID_LINK" });
    await page.context().close();
  });

  it("surfaces the api's refusals: bad address, foreign redirect, too many emails", async () => {
    const page = await openBlankPage();
    const email = newEmail();
    const results = await page.evaluate(
      async ({ email, redirectUri }) => {
        const { Latchkey } = window as unknown as LatchkeyWindow;
        const codeOf = (input: { email: string; redirectUri: string }) =>
          Latchkey.requestSignInLink(input).then(
            () => "OK",
            (error: { code?: string; status?: number }) => `${error.status} ${error.code}`,
          );
        return [
          await codeOf({ email: `${email}\r\nBcc: mallory@evil.test`, redirectUri }),
          await codeOf({ email: email.replace("@", "\uff20"), redirectUri }),
          await codeOf({ email, redirectUri: "https://evil.test/" }),
          await codeOf({ email, redirectUri }),
          await codeOf({ email, redirectUri }),
        ];
      },
      { email, redirectUri: blankPageUrl(stack) },
    );
    expect(results).toEqual([
      "400 INVALID_EMAIL",
      "400 INVALID_EMAIL",
      "400 INVALID_REDIRECT_URI",
      "OK",
      "429 RATE_LIMITED",
    ]);
    await page.context().close();
  });
});
