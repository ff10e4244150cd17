/**
 * The WebAuthn Signal API driven by the api, in Chromium with a DevTools virtual authenticator, against
 * the local stack. Chromium applies signals to a virtual authenticator (it deletes the credentials a
 * signal says are gone and renames those whose account changed), so each call is shown twice: its
 * arguments, recorded by wrapping the browser's methods, and its effect on the authenticator.
 */

import { AdminUpdateUserAttributesCommand } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Passkey, Tokens } from "../../packages/client/src/index.ts";
import { blankPageUrl, callClient, succeeded } from "./support/blank-page.ts";
import { addVirtualAuthenticator, launchBrowser, type VirtualAuthenticator } from "./support/browser.ts";
import { cognitoClient } from "./support/cognito.ts";
import { registerSoftPasskey } from "./support/passkey-api.ts";
import { signInByEmail } from "./support/sign-in-by-email.ts";
import {
  base64url,
  collectPageFailures,
  heldCredentialIds,
  heldUserNames,
  signalCalls,
  waitForSignals,
  watchSignals,
} from "./support/signals.ts";
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

let emails = 0;
const newEmail = () => `signals-${++emails}-${Date.now()}@example.com`;

interface Tab {
  mode: Parameters<typeof watchSignals>[1];
  context: BrowserContext;
  page: Page;
  authenticator: VirtualAuthenticator;
  failures: string[];
}

/** A fresh browser whose Signal API is as `mode` says, on the blank page, with a platform authenticator. */
async function openTab(mode: Parameters<typeof watchSignals>[1] = "present"): Promise<Tab> {
  const context = await browser.newContext();
  await watchSignals(context, mode);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const failures = await collectPageFailures(context, page);
  await page.goto(blankPageUrl(stack));
  return { mode, context, page, authenticator: await addVirtualAuthenticator(page), failures };
}

/** Signed in by email, with a passkey on the tab's authenticator: its user, tokens and passkey. */
async function signedInWithPasskey(tab: Tab, email = newEmail()) {
  const tokens = await signInByEmail(stack, tab.page, email);
  // The sign-in's signals come first (the details last): a registration under way would hold back the list.
  if (tab.mode !== "absent") await waitForSignals(tab.page, "signalCurrentUserDetails");
  const username = String((await verifyTokens(stack, tokens)).access.username);
  const passkey = succeeded(await callClient<Passkey>(tab.page, "registerPasskey"));
  return { email, username, userId: base64url(username), passkey };
}

const freshTokens = async (page: Page) => succeeded(await callClient<Tokens>(page, "getTokens"));

/** Deletes a passkey through the api from Node, as another device of the user would. */
async function deleteElsewhere(accessToken: string, id: string) {
  const response = await fetch(`${stack.urls.api}/passkeys/${id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${accessToken}`, origin: stack.urls.app },
  });
  expect(response.status).toBe(204);
}

describe("signalAllAcceptedCredentials", () => {
  it("after sign-in, listing and deletion, with the api's list: a passkey deleted elsewhere leaves the authenticator", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    const { email, username, userId, passkey } = await signedInWithPasskey(tab);
    // The sign-in, before any passkey: none accepted, and the account's name.
    const [afterSignIn] = await waitForSignals(page, "signalAllAcceptedCredentials");
    expect(afterSignIn?.options).toEqual({ rpId: "localhost", userId, allAcceptedCredentialIds: [] });
    expect((await waitForSignals(page, "signalCurrentUserDetails"))[0]?.options).toEqual({
      rpId: "localhost",
      userId,
      name: email,
      displayName: email,
    });

    // A second passkey, on another device; the list names both.
    const { accessToken } = await freshTokens(page);
    const phone = softAuthenticator();
    await registerSoftPasskey(stack, accessToken, phone);
    succeeded(await callClient(page, "listPasskeys"));
    const [, listed] = await waitForSignals(page, "signalAllAcceptedCredentials", 2);
    expect(listed?.options).toEqual({
      rpId: "localhost",
      userId,
      allAcceptedCredentialIds: [passkey.id, phone.id],
    });
    expect(await heldCredentialIds(authenticator)).toEqual([passkey.id]);

    // This device's passkey is deleted on the phone; the next list here drops it from the authenticator.
    await deleteElsewhere(accessToken, passkey.id);
    succeeded(await callClient(page, "listPasskeys"));
    const [, , pruned] = await waitForSignals(page, "signalAllAcceptedCredentials", 3);
    expect(pruned?.options).toMatchObject({ userId, allAcceptedCredentialIds: [phone.id] });
    await expect.poll(() => heldCredentialIds(authenticator)).toEqual([]);

    // A deletion here signals the list after it.
    succeeded(await callClient(page, "deletePasskey", phone.id));
    const [, , , deleted] = await waitForSignals(page, "signalAllAcceptedCredentials", 4);
    expect(deleted?.options).toMatchObject({ allAcceptedCredentialIds: [] });
    expect(String((await verifyTokens(stack, await freshTokens(page))).access.username)).toBe(username);
    expect(tab.failures).toEqual([]);
    await tab.context.close();
  });

  it("never signals from a failed or truncated answer: the passkey stays", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    const { passkey } = await signedInWithPasskey(tab);
    await waitForSignals(page, "signalAllAcceptedCredentials");
    const before = (await signalCalls(page)).length;
    const answers = [
      { status: 200, body: '{"rpId":"localhost","userId":"dXNlcg","name":"a","displayName":"a","credentialIds":["' },
      { status: 200, body: '{"rpId":"localhost","userId":"dXNlcg","name":"a","displayName":"a"}' },
      { status: 200, body: "[]" },
      { status: 500, body: '{"code":"SERVICE_UNAVAILABLE","message":"down"}' },
      { status: 404, body: '{"code":"NOT_FOUND","message":"No such route."}' },
    ];
    for (const answer of answers) {
      let served = false;
      await page.route("**/passkeys/account", async (route) => {
        served = true;
        await route.fulfill({
          status: answer.status,
          contentType: "application/json",
          headers: { "access-control-allow-origin": stack.urls.app },
          body: answer.body,
        });
      });
      expect(await callClient(page, "listPasskeys")).toMatchObject({ ok: true, value: [{ id: passkey.id }] });
      await expect.poll(() => served).toBe(true);
      await page.unroute("**/passkeys/account");
    }
    // Give a stray signal time to come; none does, and the authenticator keeps the passkey.
    await page.waitForTimeout(300);
    expect((await signalCalls(page)).length).toBe(before);
    expect(await heldCredentialIds(authenticator)).toEqual([passkey.id]);
    expect(tab.failures).toEqual([]);
    await tab.context.close();
  });

  it("does not signal a list that a registration on this page may have overtaken", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    await signInByEmail(stack, page, newEmail());
    await waitForSignals(page, "signalAllAcceptedCredentials");
    // The account's list is held back in the network until a passkey has been registered meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/passkeys/account", async (route) => {
      await held;
      await route.continue();
    });
    expect(await callClient(page, "listPasskeys")).toEqual({ ok: true, value: [] });
    const passkey = succeeded(await callClient<Passkey>(page, "registerPasskey"));
    release();
    await page.waitForTimeout(500);
    expect(await waitForSignals(page, "signalAllAcceptedCredentials")).toHaveLength(1);
    expect(await heldCredentialIds(authenticator)).toEqual([passkey.id]);
    await tab.context.close();
  });
});

describe("signalUnknownCredential", () => {
  it("when Cognito refuses a passkey the api no longer knows: the authenticator forgets it", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    const { passkey } = await signedInWithPasskey(tab);
    await deleteElsewhere((await freshTokens(page)).accessToken, passkey.id);
    await callClient(page, "signOut");
    expect(await callClient(page, "signInWithPasskey")).toMatchObject({ ok: false, code: "SIGN_IN_FAILED" });
    // Signalled before the refusal reached the page.
    const calls = (await signalCalls(page)).filter((call) => call.name === "signalUnknownCredential");
    expect(calls.map((call) => call.options)).toEqual([{ rpId: "localhost", credentialId: passkey.id }]);
    await expect.poll(() => heldCredentialIds(authenticator)).toEqual([]);
    expect(tab.failures).toEqual([]);
    await tab.context.close();
  });

  it("not when Cognito refuses a passkey the api still has (an account that may not sign in now)", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    const { username, passkey } = await signedInWithPasskey(tab);
    await callClient(page, "signOut");
    const cognito = cognitoClient(stack);
    const verified = (value: string) =>
      cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: stack.userPoolId,
          Username: username,
          UserAttributes: [{ Name: "email_verified", Value: value }],
        }),
      );
    await verified("false");
    expect(await callClient(page, "signInWithPasskey")).toMatchObject({ ok: false, code: "SIGN_IN_FAILED" });
    await page.waitForTimeout(300);
    expect((await signalCalls(page)).filter((call) => call.name === "signalUnknownCredential")).toEqual([]);
    expect(await heldCredentialIds(authenticator)).toEqual([passkey.id]);
    await verified("true");
    expect((await callClient(page, "signInWithPasskey")).ok).toBe(true);
    cognito.destroy();
    await tab.context.close();
  });

  it("for a passkey the authenticator made but the api refused to register", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    await signInByEmail(stack, page, newEmail());
    const refused = await callClient(page, "registerPasskey", { friendlyName: "x".repeat(65) });
    expect(refused).toMatchObject({ ok: false, code: "INVALID_FRIENDLY_NAME" });
    const [call] = await waitForSignals(page, "signalUnknownCredential");
    expect(call?.options).toMatchObject({ rpId: "localhost", credentialId: expect.stringMatching(/^[\w-]+$/) });
    await expect.poll(() => heldCredentialIds(authenticator)).toEqual([]);
    expect(succeeded(await callClient<Passkey[]>(page, "listPasskeys"))).toEqual([]);
    await tab.context.close();
  });
});

describe("signalCurrentUserDetails", () => {
  it("after a rename, and after an email change: the authenticator shows the new address", async () => {
    const tab = await openTab();
    const { page, authenticator } = tab;
    const { email, username, userId, passkey } = await signedInWithPasskey(tab);
    await waitForSignals(page, "signalCurrentUserDetails");
    succeeded(await callClient(page, "renamePasskey", passkey.id, "Work laptop"));
    const [, renamed] = await waitForSignals(page, "signalCurrentUserDetails", 2);
    expect(renamed?.options).toEqual({ rpId: "localhost", userId, name: email, displayName: email });

    const changed = email.replace("signals-", "changed-");
    const cognito = cognitoClient(stack);
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: username,
        UserAttributes: [
          { Name: "email", Value: changed },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    cognito.destroy();
    // The app refreshes its tokens after the change; the new ID token's email is the signal.
    succeeded(await callClient(page, "refreshTokens", { force: true }));
    const [, , afterChange] = await waitForSignals(page, "signalCurrentUserDetails", 3);
    expect(afterChange?.options).toEqual({ rpId: "localhost", userId, name: changed, displayName: changed });
    await expect.poll(() => heldUserNames(authenticator)).toEqual([changed]);
    await tab.context.close();
  });
});

describe("where the browser has no Signal API, or refuses it", () => {
  it.each([
    ["absent", 0],
    ["refused", 1],
  ] as const)("every flow works as before (%s), with no error and no unhandled rejection", async (mode, tries) => {
    const tab = await openTab(mode);
    const { page } = tab;
    const accountRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/passkeys/account")) accountRequests.push(request.url());
    });
    await signInByEmail(stack, page, newEmail());
    expect(await callClient(page, "registerPasskey", { friendlyName: "x".repeat(65) })).toMatchObject({
      code: "INVALID_FRIENDLY_NAME",
    });
    const passkey = succeeded(await callClient<Passkey>(page, "registerPasskey"));
    succeeded(await callClient(page, "listPasskeys"));
    succeeded(await callClient(page, "renamePasskey", passkey.id, "Renamed"));
    await deleteElsewhere((await freshTokens(page)).accessToken, passkey.id);
    await callClient(page, "signOut");
    expect(await callClient(page, "signInWithPasskey")).toMatchObject({ ok: false, code: "SIGN_IN_FAILED" });
    await page.waitForTimeout(300);
    // Without the methods nothing is even asked of the api; refused, each call is tried and dropped.
    if (tries === 0) expect(accountRequests).toEqual([]);
    else expect((await signalCalls(page)).length).toBeGreaterThan(0);
    expect(tab.failures).toEqual([]);
    await tab.context.close();
  });
});
