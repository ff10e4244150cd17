import type { Page } from "playwright-core";
import type { LinkSignIn, Tokens } from "../../../packages/client/src/index.ts";
import type { Outcome } from "./blank-page.ts";

/** What signInWithLink() answered in the page, as data: a confirmation's confirm() stays in the page. */
export type OpenedLink =
  | { status: "signed-in"; tokens: Tokens }
  | { status: "needs-confirmation"; account: string; reason: "other-browser" | "other-user" };

interface LinkWindow {
  Latchkey: { signInWithLink(): Promise<LinkSignIn> };
  openedLink?: LinkSignIn;
}

/** Calls signInWithLink() on the blank page opened from a link; a failure comes back as its {code}. */
export function openSignInLink(page: Page): Promise<Outcome<OpenedLink>> {
  return page.evaluate(async () => {
    const win = window as unknown as LinkWindow;
    try {
      const opened = await win.Latchkey.signInWithLink();
      win.openedLink = opened;
      const value: OpenedLink =
        opened.status === "signed-in"
          ? { status: "signed-in", tokens: opened.tokens }
          : { status: "needs-confirmation", account: opened.account, reason: opened.reason };
      return { ok: true as const, value };
    } catch (error) {
      return { ok: false as const, code: (error as { code?: string }).code, message: String(error) };
    }
  });
}

/** Confirms the link openSignInLink() left waiting in the page. */
export function confirmSignInLink(page: Page): Promise<Outcome<Tokens>> {
  return page.evaluate(async () => {
    const opened = (window as unknown as LinkWindow).openedLink;
    if (opened?.status !== "needs-confirmation") {
      return { ok: false as const, code: undefined, message: "no link waits for confirmation" };
    }
    try {
      return { ok: true as const, value: await opened.confirm() };
    } catch (error) {
      return { ok: false as const, code: (error as { code?: string }).code, message: String(error) };
    }
  });
}
