/**
 * Tokens the api refuses, in headless Chromium through the client: an access token the pool no longer
 * accepts is refreshed once and the call sent again; when the session cannot be refreshed (signed out
 * everywhere, the stack restarted, the refresh token revoked), the client ends it and reports
 * signed-out, instead of a signed-in user whose every call fails.
 */
import { GlobalSignOutCommand } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callClient, openBlankPage, succeeded } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { cognitoClient } from "./support/cognito.ts";
import { signInByEmail } from "./support/sign-in-by-email.ts";

const RECENT_SECONDS = 2;
let stack: LocalStack;
let browser: Browser;
beforeAll(async () => {
  // A short recent-sign-in window, so that one test can outlive it.
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LATCHKEY_RECENT_SIGN_IN_SECONDS: String(RECENT_SECONDS) } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

let count = 0;
const newEmail = () => `refused-${++count}-${Date.now()}@example.com`;

/** The stored tokens of the page's client, rewritten by `change`. */
function rewriteStoredTokens(page: Page, change: "spoil access token" | "drop refresh token") {
  return page.evaluate((how) => {
    const key = Object.keys(localStorage).find((name) => name.endsWith(".tokens")) as string;
    const tokens = JSON.parse(localStorage.getItem(key) as string);
    // The same claims under a signature that no longer verifies: a token the pool does not accept.
    if (how === "spoil access token") tokens.accessToken = `${tokens.accessToken.slice(0, -4)}AAAA`;
    else tokens.refreshToken = undefined;
    localStorage.setItem(key, JSON.stringify(tokens));
  }, change);
}

const status = (page: Page) =>
  page.evaluate(
    () => (window as never as { Latchkey: { getAuthState(): { status: string } } }).Latchkey.getAuthState().status,
  );

describe("an access token the api refuses", () => {
  it("is refreshed once and the call goes through, the session kept", async () => {
    const page = await openBlankPage(stack, browser);
    await signInByEmail(stack, page, newEmail());
    await rewriteStoredTokens(page, "spoil access token");
    expect(succeeded(await callClient(page, "listPasskeys"))).toEqual([]);
    expect(await status(page)).toBe("signed-in");
  });

  it("after the user signed out everywhere, ends the session: UNAUTHORIZED, then signed-out", async () => {
    const page = await openBlankPage(stack, browser);
    const tokens = await signInByEmail(stack, page, newEmail());
    const cognito = cognitoClient(stack);
    await cognito.send(new GlobalSignOutCommand({ AccessToken: tokens.accessToken }));
    cognito.destroy();
    expect(await callClient(page, "listPasskeys")).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    expect(await status(page)).toBe("signed-out");
    expect(await callClient(page, "listPasskeys")).toMatchObject({ ok: false, code: "NOT_SIGNED_IN" });
  });

  it("with no refresh token to try, ends the session", async () => {
    const page = await openBlankPage(stack, browser);
    await signInByEmail(stack, page, newEmail());
    await rewriteStoredTokens(page, "spoil access token");
    await rewriteStoredTokens(page, "drop refresh token");
    expect(await callClient(page, "listPasskeys")).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
    expect(await status(page)).toBe("signed-out");
  });

  it("is not what a recent-sign-in refusal is: that keeps the session", async () => {
    const page = await openBlankPage(stack, browser);
    await signInByEmail(stack, page, newEmail());
    await new Promise((resolve) => setTimeout(resolve, (RECENT_SECONDS + 1) * 1000));
    expect(await callClient(page, "registerPasskey")).toMatchObject({ ok: false, code: "RECENT_SIGN_IN_REQUIRED" });
    expect(await status(page)).toBe("signed-in");
  });
});
