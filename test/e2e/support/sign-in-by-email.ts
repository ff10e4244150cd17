import type { LocalStack } from "@latchkey/local";
import type { Page } from "playwright-core";

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

export interface SignedInTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: number;
}

/** Every mail the SES emulator accepted since `since` (epoch seconds), oldest first. */
export async function readMail(stack: Pick<LocalStack, "urls">, since: number): Promise<StoredMail[]> {
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

/** The blank page of the local stack's app server: @latchkey/client as `window.Latchkey`, configured. */
export function blankPageUrl(stack: Pick<LocalStack, "urls">): string {
  return `${stack.urls.app}/blank.html`;
}

/**
 * Signs `email` in on `page` through the magic-link flow, as a user would: the page asks for a link,
 * the link from the email opens in the same page, and the client redeems it. Leaves the page signed in
 * (tokens in its localStorage) on the blank page and returns the tokens. The local stack signs up
 * unknown addresses (LATCHKEY_ALLOW_SIGN_UP); with sign-up off, create the user first.
 */
export async function signInByEmail(
  stack: Pick<LocalStack, "urls">,
  page: Page,
  email: string,
): Promise<SignedInTokens> {
  const redirectUri = blankPageUrl(stack);
  if (!page.url().startsWith(stack.urls.app)) await page.goto(redirectUri);
  const since = Math.floor(Date.now() / 1000);
  await page.evaluate((input) => (window as unknown as LatchkeyWindow).Latchkey.requestSignInLink(input), {
    email,
    redirectUri,
  });
  const { link } = await waitForSignInMail(stack, email, since);
  await page.goto(link);
  return page.evaluate(() => (window as unknown as LatchkeyWindow).Latchkey.signInWithLink());
}

/** The part of the client bundle's global that the helpers call. */
export interface LatchkeyWindow {
  Latchkey: {
    requestSignInLink(input: { email: string; redirectUri: string; locale?: string }): Promise<void>;
    signInWithLink(): Promise<SignedInTokens>;
    signInWithCode(input: { email: string; code: string }): Promise<SignedInTokens>;
    getTokens(): SignedInTokens | undefined;
  };
}
