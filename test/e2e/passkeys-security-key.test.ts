/**
 * A U2F-style security key (no resident keys, no user verification, USB) in headless Chromium: with user
 * verification configured as "preferred" it registers, and signs in once the user types a username.
 */

import { type LocalStack, startLocalStack } from "@latchkey/local";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as LatchkeyClient from "../../packages/client/src/index.ts";
import type { Passkey, Tokens } from "../../packages/client/src/index.ts";
import { addVirtualAuthenticator, launchBrowser } from "./support/browser.ts";
import { blankPageUrl, signInByEmail } from "./support/sign-in-by-email.ts";

type Client = typeof LatchkeyClient;

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

type Outcome<T> = { ok: true; value: T } | { ok: false; code: string | undefined; message: string };

/** Calls `window.Latchkey[method](...args)` in the page; a failure comes back as its {code}, not a throw. */
function call<T = unknown>(page: Page, method: keyof Client, ...args: unknown[]): Promise<Outcome<T>> {
  return page.evaluate(
    async ([name, input]) => {
      const client = (window as unknown as { Latchkey: Record<string, (...a: unknown[]) => Promise<unknown>> })
        .Latchkey;
      try {
        return { ok: true as const, value: (await client[name]?.(...input)) ?? null };
      } catch (error) {
        return { ok: false as const, code: (error as { code?: string }).code, message: String(error) };
      }
    },
    [method, args] as const,
  ) as Promise<Outcome<T>>;
}

function succeeded<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.code}: ${outcome.message}`);
  return outcome.value;
}

describe("a U2F security key", () => {
  it("registers as a non-resident credential and signs in with a username", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(blankPageUrl(stack));
    const key = await addVirtualAuthenticator(page, {
      protocol: "u2f",
      transport: "usb",
      hasResidentKey: false,
      hasUserVerification: false,
      isUserVerified: false,
    });
    const email = `security-key-${Date.now()}@example.com`;
    await signInByEmail(stack, page, email);

    const registered = await call(page, "registerPasskey", { friendlyName: "YubiKey" });
    expect(registered).toMatchObject({
      ok: true,
      value: { friendlyName: "YubiKey", transports: ["usb"], backedUp: false },
    });
    const { credentials } = (await key.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: key.authenticatorId,
    })) as {
      credentials: { isResidentCredential: boolean }[];
    };
    expect(credentials).toEqual([expect.objectContaining({ isResidentCredential: false })]);

    await call(page, "signOut");
    const signedIn = await call<Tokens>(page, "signInWithPasskey", { username: email });
    expect(signedIn).toMatchObject({ ok: true, value: { accessToken: expect.any(String) } });
    const tokens = succeeded(signedIn);
    const claims = JSON.parse(Buffer.from(tokens.idToken.split(".")[1] ?? "", "base64url").toString());
    expect(claims.email).toBe(email);

    const listed = await call<Passkey[]>(page, "listPasskeys");
    expect(succeeded(listed)[0]?.lastUsedAt).not.toBeNull();
    await context.close();
  });
});
