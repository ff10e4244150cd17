/**
 * The magic-link flow in headless Chromium against the in-process local stack: ask for a link in the
 * page, read the mail from the SES emulator, open the link, and end up with Cognito tokens.
 */
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tokens } from "../../packages/client/src/index.ts";
import { blankPageUrl, type Client, callClient, openBlankPage, succeeded } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { requestMagicLink, signInByEmail } from "./support/sign-in-by-email.ts";
import { confirmSignInLink, openSignInLink } from "./support/sign-in-link.ts";
import { verifyTokens } from "./support/tokens.ts";

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

/** The tokens of a link that signs in at once, in the browser that asked for it. */
async function signedInTokens(page: Page): Promise<Tokens> {
  const opened = succeeded(await openSignInLink(page));
  if (opened.status !== "signed-in") throw new Error(`asked to confirm: ${opened.reason}`);
  return opened.tokens;
}

/** Real Cognito tokens for `email`: both verify against the pool's keys, and the ID token names the user. */
async function expectValidTokens(tokens: Tokens, email: string) {
  const { id, access } = await verifyTokens(stack, tokens);
  expect(id).toMatchObject({ email, token_use: "id" });
  expect(String(id["cognito:username"])).toMatch(/^[0-9a-f-]{36}$/);
  expect(access).toMatchObject({ token_use: "access", username: id["cognito:username"] });
}

describe("magic links in the browser", () => {
  it("signs in from the emailed link, and the token leaves the address bar", async () => {
    const page = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestMagicLink(stack, page, email);
    await page.goto(link);
    expect(new URL(page.url()).hash).not.toBe("");
    const tokens = await signedInTokens(page);
    await expectValidTokens(tokens, email);
    expect(new URL(page.url()).hash).toBe("");
    expect(await callClient(page, "getTokens")).toMatchObject({ ok: true, value: { idToken: tokens.idToken } });
    await page.context().close();
  });

  it("signs in with the code in another browser context", async () => {
    const asking = await openBlankPage(stack, browser);
    const elsewhere = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { code } = await requestMagicLink(stack, asking, email);
    const tokens = succeeded(await callClient<Tokens>(elsewhere, "signInWithCode", { email, code }));
    await expectValidTokens(tokens, email);
    await Promise.all([asking.context().close(), elsewhere.context().close()]);
  });

  it("signs up a new address just in time and signs it in (the sign-in helper's path)", async () => {
    const page = await openBlankPage(stack, browser);
    const email = newEmail();
    const tokens = await signInByEmail(stack, page, email);
    await expectValidTokens(tokens, email);
    await page.context().close();
  });

  it("refuses a used link and a used code, and hands out no tokens", async () => {
    const page = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { link, code } = await requestMagicLink(stack, page, email);
    await page.goto(link);
    expect(await openSignInLink(page)).toMatchObject({
      ok: true,
      value: { status: "signed-in", tokens: { idToken: expect.any(String) } },
    });
    const again = await openBlankPage(stack, browser);
    await again.goto(link);
    expect(await openSignInLink(again)).toMatchObject({ ok: true, value: { status: "needs-confirmation" } });
    expect(await confirmSignInLink(again)).toMatchObject({ ok: false, code: "SIGN_IN_FAILED" });
    expect(await callClient(again, "signInWithCode", { email, code })).toMatchObject({
      ok: false,
      code: "SIGN_IN_FAILED",
    });
    await Promise.all([page.context().close(), again.context().close()]);
  });

  it("consumes nothing when the link is merely fetched or opened (as scanners do)", async () => {
    const page = await openBlankPage(stack, browser);
    const email = newEmail();
    await stack.createUser(email);
    const { link } = await requestMagicLink(stack, page, email);
    // A prefetching scanner: a plain GET, and a full page load that runs the page's scripts.
    expect((await fetch(link)).status).toBe(200);
    const scanner = await openBlankPage(stack, browser);
    await scanner.goto(link);
    await scanner.waitForLoadState("networkidle");
    await page.goto(link);
    await expectValidTokens(await signedInTokens(page), email);
    await Promise.all([page.context().close(), scanner.context().close()]);
  });

  it("reports a page opened without a link token as an invalid link", async () => {
    const page = await openBlankPage(stack, browser);
    await page.goto(`${blankPageUrl(stack)}#not-a-token`);
    expect(await openSignInLink(page)).toMatchObject({ ok: false, code: "INVALID_LINK" });
    await page.context().close();
  });

  it("surfaces the api's refusals: bad address, foreign redirect, too many emails", async () => {
    const page = await openBlankPage(stack, browser);
    const email = newEmail();
    const results = await page.evaluate(
      async ({ email, redirectUri }) => {
        const { Latchkey } = window as unknown as { Latchkey: Client };
        const codeOf = (input: { email: string; redirectUri: string }) =>
          Latchkey.requestMagicLink(input).then(
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
