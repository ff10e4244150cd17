import type { LocalStack } from "@latchkey/local";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type * as LatchkeyClient from "../../../packages/client/src/index.ts";

/** @latchkey/client as the blank page has it: the global `Latchkey`. */
export type Client = typeof LatchkeyClient;

/** The blank page of the local stack's app server: @latchkey/client as `window.Latchkey`, configured. */
export function blankPageUrl(stack: Pick<LocalStack, "urls">): string {
  return `${stack.urls.app}/blank.html`;
}

/**
 * The blank page in a new tab: of a fresh context of `on` when it is a browser (its own storage: another
 * browser, as far as the app can tell), or of `on` itself when it is a context (another tab).
 */
export async function openBlankPage(
  stack: Pick<LocalStack, "urls">,
  on: Browser | BrowserContext,
  options: { timeoutMs?: number } = {},
): Promise<Page> {
  const context = "newContext" in on ? await on.newContext() : on;
  const page = await context.newPage();
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  await page.goto(blankPageUrl(stack));
  return page;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string | undefined; message: string };

/** Calls `window.Latchkey[method](...args)` in the page; a failure comes back as its {code}, not a throw. */
export function callClient<T = unknown>(page: Page, method: keyof Client, ...args: unknown[]): Promise<Outcome<T>> {
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

/** The value of a call that must have succeeded. */
export function succeeded<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.code}: ${outcome.message}`);
  return outcome.value;
}
