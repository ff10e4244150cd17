import type { LocalStack } from "@latchkey/local";
import type { Page } from "playwright-core";

/**
 * The "Sign in" link of the newest email to `email`, as a person finds it: the SES emulator's inbox page,
 * the email's HTML view, in a new tab of the page's browser (closed after `look`, which may screenshot it).
 * Mail apps open links in a new tab; the caller opens it.
 */
export async function linkFromInbox(
  stack: Pick<LocalStack, "urls">,
  page: Page,
  email: string,
  look: (inbox: Page) => Promise<unknown> = async () => {},
): Promise<string> {
  const inbox = await page.context().newPage();
  await inbox.goto(stack.urls.ses);
  const message = inbox
    .locator(".email")
    .filter({ hasText: `To: ${email}` })
    .last();
  await message.getByRole("button", { name: "Toggle HTML view" }).click();
  const href = await message.frameLocator("iframe").getByRole("link", { name: "Sign in" }).getAttribute("href");
  await look(inbox);
  await inbox.close();
  if (!href) throw new Error(`no sign-in link for ${email} in the inbox`);
  return href;
}
