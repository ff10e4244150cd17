import { type FuzzJson, RawJson } from "./json-text.ts";
import type { Random } from "./random.ts";

/** Strings that break naive parsers, validators, logs and HTML: each a known class of trouble. */
const NASTY_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  // Unicode format characters: zero-width, bidi overrides, BOM, soft hyphen, tag characters.
  "\u200b",
  "\u200e\u202e\u2066",
  "\ufeff",
  "\u00ad",
  "\u{e0041}\u{e007f}",
  "\u2028\u2029",
  "\u0085",
  // Combining marks, emoji, astral and full-width characters, lookalikes.
  "e\u0301\u0301\u0301\u0301",
  "😀👩‍👩‍👧‍👦",
  "\u{10ffff}",
  "ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ",
  "аdmin",
  "İıß",
  // Markup, templates, injection and traversal shapes.
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  "${7*7}{{7*7}}",
  "'; DROP TABLE users; --",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
  "\r\nSet-Cookie: x=1",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "toString",
];

/** Verbatim JSON that no JS value serialises to. */
const RAW_VALUES = [
  "1e309",
  "-1e309",
  "123456789012345678901234567890",
  "-0",
  "0.0000000000000000000000001",
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '"\\u0000"',
];

const NUMBERS = [0, -1, 1, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_VALUE, Number.MIN_VALUE, 1e-300];

/** A string of about `length` UTF-16 units, of one random kind (ASCII, multi-byte, format characters). */
export function longString(random: Random, length: number): string {
  const unit = random.pick(["x", "é", "😀", "\u200b", "A-_", "\\", '"']);
  return unit.repeat(Math.ceil(length / unit.length));
}

/** An array or object nested `depth` deep, as verbatim text (a JS value that deep is slow to build). */
export function deepNesting(random: Random, depth: number): RawJson {
  if (random.chance(0.5)) return new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`);
  return new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
}

/** Code points of the kinds that trip up Unicode handling, as [first, last] ranges. */
const CODE_POINT_RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // C0 controls
  [0x7f, 0x9f], // DEL, C1 controls
  [0xa0, 0x24f], // Latin-1, Latin Extended
  [0x300, 0x36f], // combining marks
  [0x590, 0x6ff], // Hebrew, Arabic (right to left)
  [0x200b, 0x200f], // zero-width, direction marks
  [0x2028, 0x202e], // separators, bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x4e00, 0x4e50], // CJK
  [0xd800, 0xdfff], // lone surrogates
  [0xe000, 0xe010], // private use
  [0xfe00, 0xfe0f], // variation selectors
  [0xfff0, 0xffff], // specials, noncharacters
  [0x1f600, 0x1f64f], // emoji
  [0xe0000, 0xe007f], // tag characters
];

/** A short string (up to `max` code points) of random characters from the troublesome ranges. */
export function unicodeString(random: Random, max = 64): string {
  const length = 1 + random.int(max);
  const [first, last] = random.pick(CODE_POINT_RANGES);
  const mixed = random.chance(0.5);
  return Array.from({ length }, () => {
    const [from, to] = mixed ? random.pick(CODE_POINT_RANGES) : [first, last];
    return String.fromCodePoint(from + random.int(to - from + 1));
  }).join("");
}

export function nastyString(random: Random): string {
  const kind = random.int(6);
  if (kind === 0) return longString(random, random.pick([65, 256, 1025, 4097, 20_000]));
  if (kind === 1) return random.pick(NASTY_STRINGS) + random.pick(NASTY_STRINGS);
  if (kind <= 3) return unicodeString(random);
  return random.pick(NASTY_STRINGS);
}

/** Any value at all where the route expects one of its own: wrong types, extremes, deep nesting. */
export function nastyValue(random: Random): FuzzJson {
  switch (random.int(9)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick(NUMBERS);
    case 3:
      return new RawJson(random.pick(RAW_VALUES));
    case 4:
      return [];
    case 5:
      return random.chance(0.5) ? {} : [nastyString(random), random.pick(NUMBERS)];
    case 6:
      return deepNesting(random, random.pick([10, 100, 5000]));
    default:
      return nastyString(random);
  }
}

/** Keys that reach for prototypes or shadow built-ins when an object is copied or merged naively. */
export const POLLUTING_KEYS = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toJSON", ""];
