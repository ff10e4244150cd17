import type { LocalStack } from "@latchkey/local";
import type { Page } from "playwright-core";

/**
 * The "Sign in" link of the newest email to `email`, as a person finds it: the SES emulator's inbox page
 * (newest first), the email's HTML view, in a new tab of the page's browser (closed after `look`, which may
 * screenshot it). Mail apps open links in a new tab; the caller opens it. The href is read from the email's
 * HTML as the inbox holds it: the page fills the view's iframe by script, which on a busy machine can land
 * after the view is shown.
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
    .first();
  await message.getByRole("button", { name: "Toggle HTML view" }).click();
  const html = (await message.locator(".email-source").textContent()) ?? "";
  const href = await inbox.evaluate((source) => {
    const links = new DOMParser().parseFromString(source, "text/html").querySelectorAll("a");
    return [...links].find((link) => link.textContent?.trim() === "Sign in")?.getAttribute("href") ?? null;
  }, html);
  await look(inbox);
  await inbox.close();
  if (!href) throw new Error(`no sign-in link for ${email} in the inbox`);
  return href;
}
