/**
 * Step-up in Chromium, against the local stack: the demo's confirm-it's-you dialog proves the user
 * with an emailed code (read from the SES emulator) or a texted one (read from the SMS outbox), the
 * change goes through, and the page keeps the
 * same user's new tokens, bound to the action; and the client refuses a step-up answered with another
 * account's tokens, keeping its own. The users sign in by passkey from Node (no email), so that the
 * step-up's email is their first of the minute.
 */
import {
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callClient } from "./support/blank-page.ts";
import { launchBrowser } from "./support/browser.ts";
import { cognitoClient } from "./support/cognito.ts";
import { DEMO_DIR } from "./support/demo.ts";
import { type PasskeyUser, passkeySignIn, passkeyUser } from "./support/passkey-user.ts";
import { nowSeconds, readMail } from "./support/sign-in-by-email.ts";
import { newPhoneNumber, smsCode } from "./support/sms.ts";

const RECENT_SIGN_IN_SECONDS = 4;

let stack: LocalStack;
let browser: Browser;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ demo: DEMO_DIR, env: { LATCHKEY_RECENT_SIGN_IN_SECONDS: String(RECENT_SIGN_IN_SECONDS) } }),
    launchBrowser(),
  ]);
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  cognito?.destroy();
  await browser?.close();
  await stack?.close();
});

let count = 0;
const newUser = (name: string) => passkeyUser(stack, `step-up-ui-${name}-${++count}-${Date.now()}@example.com`);
const outOfWindow = () => new Promise((resolve) => setTimeout(resolve, (RECENT_SIGN_IN_SECONDS + 1.2) * 1000));
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

/** Cognito's answer to a passkey sign-in of `user`, from Node. */
async function tokensFor(user: PasskeyUser) {
  const outcome = await passkeySignIn(stack, cognito, user);
  if ("error" in outcome) throw new Error(outcome.error);
  return outcome.tokens;
}

/** A tab of the app signed in as `user`: the client's tokens, as a sign-in there stores them. */
async function signedInPage(user: PasskeyUser, path = "/"): Promise<{ page: Page; stored: () => Promise<Tokens> }> {
  const { IdToken, AccessToken, RefreshToken, ExpiresIn = 3600 } = await tokensFor(user);
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
  const key = `latchkey.${stack.clientId}.tokens`;
  const tokens = { idToken: IdToken, accessToken: AccessToken, refreshToken: RefreshToken };
  await page.addInitScript(
    ([name, value]) => {
      if (!sessionStorage.getItem("seeded")) localStorage.setItem(name, value);
      sessionStorage.setItem("seeded", "1");
    },
    [key, JSON.stringify({ ...tokens, expiresAt: Date.now() + ExpiresIn * 1000 })] as const,
  );
  await page.goto(`${stack.urls.app}${path}`);
  const stored = async () => JSON.parse((await page.evaluate((name) => localStorage.getItem(name), key)) ?? "{}");
  return { page, stored };
}

interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

describe("step-up in the browser", () => {
  it("proves the user with an emailed code in the dialog, then the deletion goes through", {
    timeout: 60_000,
  }, async () => {
    const user = await newUser("code");
    const { page, stored } = await signedInPage(user);
    const before = await stored();
    const passkeys = page.getByRole("region", { name: "Passkeys" }).getByRole("listitem");
    await passkeys.first().waitFor();
    await outOfWindow();

    await passkeys
      .first()
      .getByRole("button", { name: /^Delete / })
      .click();
    await passkeys.first().getByRole("button", { name: "Delete it" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    // The user has a passkey, so it comes first; the email code is the other way.
    const buttons = await dialog.getByRole("button").allTextContents();
    expect(buttons.slice(0, 2)).toEqual(["Use your passkey", "Email me a code"]);
    const since = nowSeconds();
    await dialog.getByRole("button", { name: "Email me a code" }).click();
    await dialog.getByText(`We've emailed a 6-digit code to ${user.email}.`).waitFor();
    const mail = (await readMail(stack, since)).filter((m) => m.destination.to.includes(user.email));
    expect(mail).toHaveLength(1);
    const code = /^(\d{6})$/m.exec(mail[0]?.body.text ?? "")?.[1] ?? "";
    await dialog.getByLabel("6-digit code").focus();
    await page.keyboard.type(code);
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();

    // Still signed in, as the same user, with new tokens for this deletion alone.
    await expect(page.getByRole("cell", { name: user.email, exact: true }).count()).resolves.toBe(1);
    const after = await stored();
    expect(claims(after.accessToken)).toMatchObject({
      sub: claims(before.accessToken).sub,
      step_up_action: "delete-passkey",
    });
    expect(claims(after.accessToken).auth_time).toBeGreaterThan(claims(before.accessToken).auth_time);
    await page.context().close();
  });

  it("proves a user with a verified number by a texted code in the dialog, then the deletion goes through", {
    timeout: 60_000,
  }, async () => {
    const user = await newUser("text");
    const phoneNumber = newPhoneNumber();
    await stack.clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: user.username,
        UserAttributes: [
          { Name: "phone_number", Value: phoneNumber },
          { Name: "phone_number_verified", Value: "true" },
        ],
      }),
    );
    const { page, stored } = await signedInPage(user);
    const before = await stored();
    const passkeys = page.getByRole("region", { name: "Passkeys" }).getByRole("listitem");
    await passkeys.first().waitFor();
    await outOfWindow();

    await passkeys
      .first()
      .getByRole("button", { name: /^Delete / })
      .click();
    await passkeys.first().getByRole("button", { name: "Delete it" }).click();
    const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
    await dialog.waitFor();
    // The passkey first, then the text, then the email.
    const buttons = await dialog.getByRole("button").allTextContents();
    expect(buttons.slice(0, 3)).toEqual(["Use your passkey", "Text me a code", "Email me a code"]);
    const since = nowSeconds();
    await dialog.getByRole("button", { name: "Text me a code" }).click();
    await dialog.getByText(`We've texted a 6-digit code to ${phoneNumber}.`).waitFor();
    const code = await smsCode(stack, phoneNumber, since);
    expect((await readMail(stack, since)).filter((m) => m.destination.to.includes(user.email))).toEqual([]);
    await dialog.getByLabel("6-digit code").focus();
    await page.keyboard.type(code);
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Passkeys" }).getByText("No passkeys yet").waitFor();

    // Still signed in, as the same user, with new tokens for this deletion alone.
    await expect(page.getByRole("cell", { name: user.email, exact: true }).count()).resolves.toBe(1);
    const after = await stored();
    expect(claims(after.accessToken)).toMatchObject({
      sub: claims(before.accessToken).sub,
      step_up_action: "delete-passkey",
    });
    expect(claims(after.accessToken).auth_time).toBeGreaterThan(claims(before.accessToken).auth_time);
    await page.context().close();
  });

  it("refuses a step-up answered with another account's tokens, and keeps its own", { timeout: 30_000 }, async () => {
    const [user, stranger] = await Promise.all([newUser("victim"), newUser("stranger")]);
    const { page, stored } = await signedInPage(user, "/blank.html");
    const before = await stored();
    const foreign = await tokensFor(stranger);
    // Whatever answers the step-up (a compromised proxy, a confused deputy) answers with the stranger's tokens.
    await page.route(stack.urls.cognito, async (route) => {
      const target = route.request().headers()["x-amz-target"] ?? "";
      if (!target.endsWith(".RespondToAuthChallenge")) return route.continue();
      await route.fulfill({
        status: 200,
        contentType: "application/x-amz-json-1.1",
        body: JSON.stringify({ AuthenticationResult: { ...foreign, TokenType: "Bearer" }, ChallengeParameters: {} }),
      });
    });
    const outcome = await callClient(page, "stepUpWithCode", { code: "123456", action: "delete-passkey" });
    expect(outcome).toMatchObject({ ok: false, code: "STEP_UP_USER_MISMATCH" });
    expect(await stored()).toEqual(before);
    expect(
      await page.evaluate(
        () => (window as unknown as { Latchkey: { getUser(): { email?: string } } }).Latchkey.getUser().email,
      ),
    ).toBe(user.email);
    await page.context().close();
  });
});
