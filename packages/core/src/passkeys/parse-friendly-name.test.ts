import { describe, expect, it } from "vitest";
import { parseFriendlyName } from "./parse-friendly-name.ts";

describe("parseFriendlyName", () => {
  it.each([
    ["Laptop", "Laptop"],
    ["  Work laptop ", "Work laptop"],
    ["Jürgen's YubiKey", "Jürgen's YubiKey"],
    // Decomposed ü (u + combining diaeresis) is stored composed, so equal names are equal strings.
    ["Ju\u0308rgen", "Jürgen"],
    ["Téléphone de Zoé", "Téléphone de Zoé"],
    ["ノートパソコン", "ノートパソコン"],
    ["هاتف", "هاتف"],
    ["❤️ phone", "❤️ phone"],
    ["👩‍💻 work", "👩‍💻 work"],
    ["👩🏽‍💻 work", "👩🏽‍💻 work"],
    ["x".repeat(64), "x".repeat(64)],
    ["🔑".repeat(64), "🔑".repeat(64)],
  ])("keeps %j as %j", (input, stored) => {
    expect(parseFriendlyName(input)).toBe(stored);
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["too long", "x".repeat(65)],
    ["far too long", "x".repeat(100_000)],
    ["a NUL", "bad\u0000name"],
    ["a newline", "two\nlines"],
    ["a tab", "a\tb"],
    ["DEL", "a\u007fb"],
    ["a C1 control", "a\u0085b"],
    ["a right-to-left override", "Laptop\u202Egpj.exe"],
    ["a left-to-right embedding", "\u202ALaptop"],
    ["a right-to-left isolate", "\u2067Laptop\u2069"],
    ["a right-to-left mark", "Laptop\u200F"],
    ["an Arabic letter mark", "Laptop\u061C"],
    ["a zero-width space", "Lap\u200Btop"],
    ["a zero-width joiner between letters", "Lap\u200Dtop"],
    ["a zero-width non-joiner", "Lap\u200Ctop"],
    ["a word joiner", "Lap\u2060top"],
    ["a byte order mark", "Lap\uFEFFtop"],
    ["a soft hyphen", "Lap\u00ADtop"],
    ["a Hangul filler", "\u3164"],
    ["a lone surrogate", "Laptop\uD800"],
    ["private use", "Laptop\uE000"],
    ["an unassigned code point", "Laptop\u{E0080}"],
    ["a tag character", "Laptop\u{E0041}"],
    ["a line separator", "Lap\u2028top"],
    ["a paragraph separator", "Lap\u2029top"],
  ])("refuses %s with INVALID_FRIENDLY_NAME", (_, input) => {
    expect(() => parseFriendlyName(input)).toThrow(expect.objectContaining({ code: "INVALID_FRIENDLY_NAME" }));
  });
});
