import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { ja } from "./ja.ts";
import type { Strings } from "./strings.ts";

/** The languages the kit ships, by primary language subtag. */
export const locales: Readonly<Record<string, Strings>> = { en, de, fr, es, ja };

/**
 * The strings for the first of `tags` (BCP 47, e.g. "de-CH", then the browser's languages) whose
 * language the kit has; English otherwise. `overrides` replace single strings (an app's own wording).
 */
export function stringsFor(tags: readonly (string | undefined)[], overrides: Partial<Strings> = {}): Strings {
  for (const tag of tags) {
    const found = tag && locales[tag.toLowerCase().split("-")[0] ?? ""];
    if (found) return { ...found, ...overrides };
  }
  return { ...en, ...overrides };
}
