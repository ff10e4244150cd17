import { LatchkeyError } from "../errors.ts";

const MAX_CHARACTERS = 64;

/** Joiners inside an emoji sequence (👩‍💻, 👩🏽‍💻) draw one picture; anywhere else a ZWJ is invisible. */
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu;

/**
 * What a name shown in a list of passkeys must not hold: controls, format characters (bidi overrides,
 * embeddings, isolates and marks, zero-width spaces and joiners, soft hyphens, tags), surrogates, private
 * use and unassigned code points, line and paragraph separators, and whatever else renders as nothing
 * (Hangul fillers), but for variation selectors, which ask for an emoji's colour form.
 */
const REFUSED = /[\p{C}\p{Zl}\p{Zp}]|(?![\u{FE00}-\u{FE0F}])\p{Default_Ignorable_Code_Point}/u;

const invalid = () =>
  new LatchkeyError(
    "INVALID_FRIENDLY_NAME",
    `friendlyName must be 1 to ${MAX_CHARACTERS} characters, with no control, format or invisible characters.`,
  );

/**
 * A passkey's display name as stored: NFC (so names that look alike compare alike), trimmed, 1 to 64
 * characters, nothing that hides or reorders what the person sees (a right-to-left override makes
 * "Laptop\u202Egpj.exe" read "Laptopexe.jpg").
 */
export function parseFriendlyName(value: string): string {
  if (value.length > 4 * MAX_CHARACTERS) throw invalid();
  const name = value.normalize("NFC").trim();
  const characters = [...name].length;
  if (characters === 0 || characters > MAX_CHARACTERS) throw invalid();
  if (REFUSED.test(name.replace(EMOJI_JOINER, ""))) throw invalid();
  return name;
}
