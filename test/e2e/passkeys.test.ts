/**
 * Passkeys end to end in headless Chromium with a DevTools virtual authenticator, against the local
 * stack: a user signed in by a magic link registers a passkey, signs out, signs in usernameless and with
 * a username (Cognito tokens that verify against the pool's JWKS), manages the passkey, deletes it, and
 * then cannot sign in with it any more.
 */

import { type LocalStack, startLocalStack } from "@latchkey/local";
import { AAGUIDS_FIXTURE } from "@latchkey/testkit/passkeys";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as LatchkeyClient from "../../packages/client/src/index.ts";
import type { Passkey, Tokens } from "../../packages/client/src/index.ts";
import { addVirtualAuthenticator, launchBrowser, setPresence } from "./support/browser.ts";
import { blankPageUrl, signInByEmail } from "./support/sign-in-by-email.ts";

type Client = typeof LatchkeyClient;
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

async function tokenVerifiers() {
  const jwksCache = new SimpleJwksCache({
    fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
  });
  const common = { issuer: stack.config.issuer, jwksUri: `${stack.config.issuer}/.well-known/jwks.json` };
  return {
    id: JwtVerifier.create({ ...common, audience: stack.clientId }, { jwksCache }),
    access: JwtVerifier.create({ ...common, audience: null }, { jwksCache }),
  };
}

async function expectValidTokens(tokens: Tokens, username: string, email: string) {
  const verifiers = await tokenVerifiers();
  const id = await verifiers.id.verify(tokens.idToken);
  expect(id).toMatchObject({ token_use: "id", sub: username, email, "cognito:username": username });
  const access = await verifiers.access.verify(tokens.accessToken);
  expect(access).toMatchObject({ token_use: "access", username, client_id: stack.clientId });
}

let emails = 0;
const newEmail = () => `passkey-user-${++emails}-${Date.now()}@example.com`;

/** A fresh browser context on the blank page (the client as `window.Latchkey`), with a platform authenticator. */
async function openBlankPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(blankPageUrl(stack));
  return { context, page, authenticator: await addVirtualAuthenticator(page) };
}

/** Autofill offers passkeys in a sign-in field: the blank page needs one. */
function addSignInField(page: Page) {
  return page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<input name="username" autocomplete="username webauthn">');
  });
}

describe("passkeys in the browser", () => {
  it("register, sign in usernameless and with a username, manage, delete, then no sign-in", async () => {
    const { context, page, authenticator } = await openBlankPage();
    const email = newEmail();

    const first = await signInByEmail(stack, page, email);
    const username = String(
      JSON.parse(Buffer.from(first.accessToken.split(".")[1] ?? "", "base64url").toString()).username,
    );

    const registered = await call<Passkey>(page, "registerPasskey", { friendlyName: "This laptop" });
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
    const { credentials } = (await authenticator.cdp.send("WebAuthn.getCredentials", {
      authenticatorId: authenticator.authenticatorId,
    })) as { credentials: { credentialId: string; isResidentCredential: boolean; userHandle?: string }[] };
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    // The user handle is the opaque username, never the email.
    expect(Buffer.from(credentials[0]?.userHandle ?? "", "base64").toString()).toBe(username);

    await call(page, "signOut");
    const usernameless = await call<Tokens>(page, "signInWithPasskey");
    expect(usernameless.ok).toBe(true);
    await expectValidTokens(succeeded(usernameless), username, email);

    for (const typed of [email, username]) {
      await call(page, "signOut");
      const withUsername = await call<Tokens>(page, "signInWithPasskey", { username: typed });
      expect(withUsername.ok).toBe(true);
      await expectValidTokens(succeeded(withUsername), username, email);
    }

    const listed = await call<Passkey[]>(page, "listPasskeys");
    expect(listed).toMatchObject({ ok: true, value: [{ id: passkey.id, friendlyName: "This laptop" }] });
    expect(succeeded(listed)[0]?.lastUsedAt).not.toBeNull();

    const renamed = await call(page, "renamePasskey", passkey.id, "Work laptop");
    expect(renamed).toMatchObject({ ok: true, value: { id: passkey.id, friendlyName: "Work laptop" } });
    expect(await call(page, "listPasskeys")).toMatchObject({
      value: [{ friendlyName: "Work laptop" }],
    });

    expect(await call(page, "deletePasskey", passkey.id)).toEqual({ ok: true, value: null });
    expect(await call(page, "listPasskeys")).toEqual({ ok: true, value: [] });

    // The authenticator still holds the credential; the server no longer accepts it.
    await call(page, "signOut");
    const refused = await call(page, "signInWithPasskey");
    expect(refused).toMatchObject({ ok: false, code: "SIGN_IN_FAILED" });
    expect(await call(page, "getTokens")).toEqual({ ok: true, value: null });
    await context.close();
  });

  it("autofill: waits for a pick, withdraws when aborted, and signs in when a passkey is picked", async () => {
    const { context, page, authenticator } = await openBlankPage();
    await signInByEmail(stack, page, newEmail());
    succeeded(await call(page, "registerPasskey"));
    await call(page, "signOut");
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
    expect(await call(page, "getTokens")).toEqual({ ok: true, value: null });

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
    const picked = await call<Tokens>(page, "signInWithPasskey", { autofill: true });
    expect(picked.ok).toBe(true);
    expect(await call(page, "getTokens")).toMatchObject({ ok: true, value: { idToken: expect.any(String) } });
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
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(blankPageUrl(shortLived));
    const authenticator = await addVirtualAuthenticator(page);
    await signInByEmail(shortLived, page, newEmail());
    succeeded(await call(page, "registerPasskey"));
    await call(page, "signOut");
    await addSignInField(page);
    const offers: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/passkeys/authentication/options")) offers.push(request.url());
    });

    // Nobody picks the first offer (presence off); the person is ready by the time it is renewed.
    await setPresence(authenticator, false);
    const signedIn = call<Tokens>(page, "signInWithPasskey", { autofill: true });
    await expect.poll(() => offers.length).toBe(1);
    await setPresence(authenticator, true);
    expect((await signedIn).ok).toBe(true);
    expect(offers).toHaveLength(2);
    await context.close();
  });
});
