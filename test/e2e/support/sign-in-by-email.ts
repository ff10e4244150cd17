import type { MagicLinkPayload } from "@latchkey/core/magic-links";
import type { LocalStack } from "@latchkey/local";
import type { Page } from "playwright-core";
import type { Tokens } from "../../../packages/client/src/index.ts";
import { blankPageUrl, type Client } from "./blank-page.ts";

/** One message from the SES emulator's store. */
export interface StoredMail {
  at: number;
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
}

export interface SignInMail {
  mail: StoredMail;
  /** `redirectUri#token`, as in the email. */
  link: string;
  token: string;
  code: string;
}

/** Now in epoch seconds, as the SES store's `since` counts. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Every mail the SES emulator accepted since `since` (epoch seconds), oldest first. */
export async function readMail(stack: { urls: Pick<LocalStack["urls"], "ses"> }, since: number): Promise<StoredMail[]> {
  const response = await fetch(`${stack.urls.ses}/store?since=${since}`);
  if (!response.ok) throw new Error(`SES store answered ${response.status}`);
  return ((await response.json()) as { emails: StoredMail[] }).emails;
}

/** The link and the code of a sign-in email, from its text part. */
export function parseSignInMail(mail: StoredMail): SignInMail {
  const text = mail.body.text ?? "";
  const link = /^(https?:\/\/\S+#[\w.-]+)$/m.exec(text)?.[1];
  const code = /\b(\d{6})$/m.exec(text)?.[1];
  if (!link || !code) throw new Error(`not a sign-in email: ${text}`);
  return { mail, link, token: link.slice(link.indexOf("#") + 1), code };
}

/** What a link's token claims: its payload, unverified. */
export function linkPayload(token: string): MagicLinkPayload {
  return JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString());
}

/**
 * Waits (briefly) for the newest sign-in email to `to` sent at or after `since`. The mail is sent
 * before POST /magic-links answers, so it is normally there at the first look.
 */
export async function waitForSignInMail(
  stack: Pick<LocalStack, "urls">,
  to: string,
  since: number,
  timeoutMs = 3000,
): Promise<SignInMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await readMail(stack, since)).filter((m) => m.destination.to.includes(to)).at(-1);
    if (mail) return parseSignInMail(mail);
    if (Date.now() > deadline) throw new Error(`no sign-in email to ${to} since ${since}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Asks for a sign-in email from Node (POST /magic-links, redirecting to the blank page) and waits for it. */
export async function requestSignInMail(stack: Pick<LocalStack, "urls">, email: string): Promise<SignInMail> {
  const since = nowSeconds() - 1;
  const requested = await fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri: blankPageUrl(stack) }),
  });
  if (requested.status !== 202) throw new Error(`POST /magic-links answered ${requested.status}`);
  return waitForSignInMail(stack, email, since);
}

/** Asks for a sign-in email from the page, as an app does (redirecting to the blank page), and waits for it. */
export async function requestMagicLink(stack: Pick<LocalStack, "urls">, page: Page, email: string) {
  const since = nowSeconds();
  await page.evaluate((input) => (window as unknown as { Latchkey: Client }).Latchkey.requestMagicLink(input), {
    email,
    redirectUri: blankPageUrl(stack),
  });
  return waitForSignInMail(stack, email, since);
}

/**
 * Signs `email` in on `page` through the magic-link flow, as a user would: the page asks for a link,
 * the link from the email opens in the same page, and the client redeems it. Leaves the page signed in
 * (tokens in its localStorage) on the blank page and returns the tokens; it must not be signed in as
 * someone else (a link would then wait for confirmation). The local stack signs up
 * unknown addresses (LATCHKEY_ALLOW_SIGN_UP); with sign-up off, create the user first.
 */
export async function signInByEmail(stack: Pick<LocalStack, "urls">, page: Page, email: string): Promise<Tokens> {
  if (!page.url().startsWith(stack.urls.app)) await page.goto(blankPageUrl(stack));
  const { link } = await requestMagicLink(stack, page, email);
  await page.goto(link);
  const opened = await page.evaluate(() => (window as unknown as { Latchkey: Client }).Latchkey.signInWithLink());
  if (opened.status !== "signed-in") throw new Error(`the asking browser was asked to confirm: ${opened.reason}`);
  return opened.tokens;
}
