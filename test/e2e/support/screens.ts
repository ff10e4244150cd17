import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The sizes every screen is checked at: a laptop and a phone. */
export const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations on the page as it is now (the script is injected once per document). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Violation[] }> } }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.map(({ target }) => ({ target })) }));
  });
}

/**
 * Checks the screen as it is at each size, in the same page (the state stays): no axe-core
 * violation, and a full-page screenshot `<dir>/<name>-<width>.png`. Ends at the first size.
 */
export async function checkScreen(page: Page, dir: string, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    expect(await axeViolations(page), `${name} at ${size.width}px`).toEqual([]);
    await page.screenshot({ path: `${dir}/${name}-${size.width}.png`, fullPage: true });
  }
}

/** What has the focus: its role-ish tag and its text, e.g. "h1: Check your email". */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "body";
    return `${active.tagName.toLowerCase()}: ${(active.getAttribute("aria-label") ?? active.textContent ?? "").trim()}`;
  });
}
