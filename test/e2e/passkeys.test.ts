/**
 * Passkeys end to end in headless Chromium with a DevTools virtual authenticator, against the local
 * stack: a user signed in by a magic link registers a passkey, signs out, signs in usernameless and with
 * a username (Cognito tokens that verify against the pool's JWKS), manages the passkey and deletes it,
 * which the authenticator then forgets too.
 */

import { type LocalStack, startLocalStack } from "@latchkey/local";
import { AAGUIDS_FIXTURE } from "@latchkey/testkit/passkeys";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Passkey, Tokens } from "../../packages/client/src/index.ts";
import { addSignInField } from "./support/autofill.ts";
import { type Client, callClient, openBlankPage, succeeded } from "./support/blank-page.ts";
import { addVirtualAuthenticator, credentialsOf, launchBrowser, setPresence } from "./support/browser.ts";
import { signInByEmail } from "./support/sign-in-by-email.ts";
import { verifyTokens } from "./support/tokens.ts";

const CHROMIUM_AAGUID_NAME = "Chromium virtual authenticator (test fixture)";

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startLocalStack({ env: { LATCHKEY_AAGUID_SOURCE: AAGUIDS_FIXTURE } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function expectValidTokens(tokens: Tokens, username: string, email: string) {
  const { id, access } = await verifyTokens(stack, tokens);
  expect(id).toMatchObject({ token_use: "id", sub: username, email, "cognito:username": username });
  expect(access).toMatchObject({ token_use: "access", username, client_id: stack.clientId });
}

let emails = 0;
const newEmail = () => `passkey-user-${++emails}-${Date.now()}@example.com`;

/** A fresh browser context on the blank page, with a platform authenticator. */
async function openWithAuthenticator(on: LocalStack = stack, timeoutMs = 15_000) {
  const page = await openBlankPage(on, browser, { timeoutMs });
  return { context: page.context(), page, authenticator: await addVirtualAuthenticator(page) };
}

describe("passkeys in the browser", () => {
  it("register, sign in usernameless and with a username, manage, delete, then the authenticator forgets it", async () => {
    const { context, page, authenticator } = await openWithAuthenticator();
    const email = newEmail();

    const first = await signInByEmail(stack, page, email);
    const username = String((await verifyTokens(stack, first)).access.username);

    const registered = await callClient<Passkey>(page, "registerPasskey", { friendlyName: "This laptop" });
    expect(registered).toMatchObject({
      ok: true,
      value: {
        friendlyName: "This laptop",
        authenticatorName: CHROMIUM_AAGUID_NAME,
        lastUsedAt: null,
        rpId: "localhost",
      },
    });
    const passkey = succeeded(registered);
    const credentials = await credentialsOf(authenticator);
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    // The user handle is the opaque username, never the email.
    expect(Buffer.from(credentials[0]?.userHandle ?? "", "base64").toString()).toBe(username);

    await callClient(page, "signOut");
    const usernameless = await callClient<Tokens>(page, "signInWithPasskey");
    expect(usernameless.ok).toBe(true);
    await expectValidTokens(succeeded(usernameless), username, email);

    for (const typed of [email, username]) {
      await callClient(page, "signOut");
      const withUsername = await callClient<Tokens>(page, "signInWithPasskey", { username: typed });
      expect(withUsername.ok).toBe(true);
      await expectValidTokens(succeeded(withUsername), username, email);
    }

    const listed = await callClient<Passkey[]>(page, "listPasskeys");
    expect(listed).toMatchObject({ ok: true, value: [{ id: passkey.id, friendlyName: "This laptop" }] });
    expect(succeeded(listed)[0]?.lastUsedAt).not.toBeNull();

    const renamed = await callClient(page, "renamePasskey", passkey.id, "Work laptop");
    expect(renamed).toMatchObject({ ok: true, value: { id: passkey.id, friendlyName: "Work laptop" } });
    expect(await callClient(page, "listPasskeys")).toMatchObject({
      value: [{ friendlyName: "Work laptop" }],
    });

    expect(await callClient(page, "deletePasskey", passkey.id)).toEqual({ ok: true, value: null });
    expect(await callClient(page, "listPasskeys")).toEqual({ ok: true, value: [] });

    // The deletion told the password manager what the api still accepts (nothing), so the
    // authenticator drops the passkey too (passkey-signals.test.ts: a passkey deleted elsewhere is refused).
    await expect.poll(() => credentialsOf(authenticator)).toEqual([]);
    await context.close();
  });

  it("autofill: waits for a pick, withdraws when aborted, and signs in when a passkey is picked", async () => {
    const { context, page, authenticator } = await openWithAuthenticator();
    await signInByEmail(stack, page, newEmail());
    succeeded(await callClient(page, "registerPasskey"));
    await callClient(page, "signOut");
    await addSignInField(page);

    // Offered, nobody picks (presence off keeps the request open), then the page withdraws the offer.
    await setPresence(authenticator, false);
    const withdrawn = page.evaluate(async () => {
      const { Latchkey } = window as unknown as { Latchkey: Client };
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 500);
      try {
        await Latchkey.signInWithPasskey({ autofill: true, signal: controller.signal });
        return "signed in";
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(await withdrawn).toBe("CANCELLED");
    expect(await callClient(page, "getTokens")).toEqual({ ok: true, value: null });

    // An abort before the ceremony even starts withdraws it just the same.
    const early = page.evaluate(async () => {
      const { Latchkey } = window as unknown as { Latchkey: Client };
      const controller = new AbortController();
      const signingIn = Latchkey.signInWithPasskey({ autofill: true, signal: controller.signal });
      controller.abort();
      return signingIn.then(
        () => "signed in",
        (error: { code?: string }) => error.code,
      );
    });
    expect(await early).toBe("CANCELLED");

    // Nothing is left hanging: the next offer gets the pick and signs in.
    await setPresence(authenticator, true);
    const picked = await callClient<Tokens>(page, "signInWithPasskey", { autofill: true });
    expect(picked.ok).toBe(true);
    expect(await callClient(page, "getTokens")).toMatchObject({ ok: true, value: { idToken: expect.any(String) } });
    await context.close();
  });
});

describe("passkey autofill with short-lived challenges", () => {
  let shortLived: LocalStack;
  beforeAll(async () => {
    shortLived = await startLocalStack({ env: { LATCHKEY_CHALLENGE_TTL_SECONDS: "10" } });
  });
  afterAll(() => shortLived?.close());

  it("renews a waiting offer before its challenge expires, and the renewed offer signs in", async () => {
    const { context, page, authenticator } = await openWithAuthenticator(shortLived, 20_000);
    await signInByEmail(shortLived, page, newEmail());
    succeeded(await callClient(page, "registerPasskey"));
    await callClient(page, "signOut");
    await addSignInField(page);
    const offers: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/passkeys/authentication/options")) offers.push(request.url());
    });

    // Nobody picks the first offer (presence off); the person is ready by the time it is renewed.
    await setPresence(authenticator, false);
    const signedIn = callClient<Tokens>(page, "signInWithPasskey", { autofill: true });
    await expect.poll(() => offers.length).toBe(1);
    await setPresence(authenticator, true);
    expect((await signedIn).ok).toBe(true);
    expect(offers).toHaveLength(2);
    await context.close();
  });
});
