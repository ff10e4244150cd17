/**
 * A U2F-style security key (no resident keys, no user verification, USB) in headless Chromium: with user
 * verification configured as "preferred" it registers, and signs in once the user types a username.
 */

import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Passkey, Tokens } from "../../packages/client/src/index.ts";
import { callClient, openBlankPage, succeeded } from "./support/blank-page.ts";
import { addVirtualAuthenticator, credentialsOf, launchBrowser } from "./support/browser.ts";
import { signInByEmail } from "./support/sign-in-by-email.ts";
import { verifyTokens } from "./support/tokens.ts";

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LATCHKEY_USER_VERIFICATION: "preferred" } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("a U2F security key", () => {
  it("registers as a non-resident credential and signs in with a username", async () => {
    const page = await openBlankPage(stack, browser, { timeoutMs: 15_000 });
    const key = await addVirtualAuthenticator(page, {
      protocol: "u2f",
      transport: "usb",
      hasResidentKey: false,
      hasUserVerification: false,
      isUserVerified: false,
    });
    const email = `security-key-${Date.now()}@example.com`;
    await signInByEmail(stack, page, email);

    const registered = await callClient(page, "registerPasskey", { friendlyName: "YubiKey" });
    expect(registered).toMatchObject({
      ok: true,
      value: { friendlyName: "YubiKey", transports: ["usb"], backedUp: false },
    });
    expect(await credentialsOf(key)).toEqual([expect.objectContaining({ isResidentCredential: false })]);

    await callClient(page, "signOut");
    const signedIn = await callClient<Tokens>(page, "signInWithPasskey", { username: email });
    expect(signedIn).toMatchObject({ ok: true, value: { accessToken: expect.any(String) } });
    const { id } = await verifyTokens(stack, succeeded(signedIn));
    expect(id.email).toBe(email);

    const listed = await callClient<Passkey[]>(page, "listPasskeys");
    expect(succeeded(listed)[0]?.lastUsedAt).not.toBeNull();
    await page.context().close();
  });
});
