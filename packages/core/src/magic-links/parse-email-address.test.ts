import { describe, expect, it } from "vitest";
import { parseEmailAddress } from "./parse-email-address.ts";

describe("parseEmailAddress", () => {
  it.each([
    ["alice@example.com", "alice@example.com"],
    ["Alice.O'Neil+tag@Example.COM", "Alice.O'Neil+tag@example.com"],
    ["a_b-c@mail.sub.example.co.uk", "a_b-c@mail.sub.example.co.uk"],
    ["jörg@bücher.de".replace("jörg", "joerg"), "joerg@xn--bcher-kva.de"],
  ])("accepts %s", (input, address) => {
    const parsed = parseEmailAddress(input);
    expect(parsed.address).toBe(address);
    expect(parsed.key).toBe(address.toLowerCase());
  });

  it.each([
    ["a quoted local part", '"alice"@example.com'],
    ["a quoted local part with an @", '"victim@example.com"@evil.test'],
    ["a fullwidth at sign", "alice＠example.com"],
    ["a small form at sign", "alice﹫example.com"],
    ["a fullwidth domain", "alice@ｅxample.com"],
    ["an ideographic full stop", "alice@example。com"],
    ["a CR/LF header injection", "alice@example.com\r\nBcc: x@evil.test"],
    ["a line feed", "alice@example.com\n"],
    ["a comma list", "alice@example.com,mallory@evil.test"],
    ["a semicolon list", "alice@example.com;mallory@evil.test"],
    ["two @", "alice@evil.test@example.com"],
    ["a display name", "Alice <alice@example.com>"],
    ["spaces", " alice@example.com"],
    ["a zero-width space", "alice\u200b@example.com"],
    ["a non-ASCII local part", "алиса@example.com"],
    ["a Cyrillic a in the local part", "\u0430lice@example.com"],
    ["percent routing", "alice%evil.test@example.com"],
    ["bang routing", "evil.test!alice@example.com"],
    ["an encoded word", "=?utf-8?q?x?=@example.com"],
    ["a comment", "alice(comment)@example.com"],
    ["an IP literal", "alice@[127.0.0.1]"],
    ["a dotless domain", "alice@localhost"],
    ["a numeric top-level domain", "alice@example.123"],
    ["a trailing dot", "alice@example.com."],
    ["a leading dot", ".alice@example.com"],
    ["two dots", "al..ice@example.com"],
    ["no local part", "@example.com"],
    ["no at sign", "alice.example.com"],
    ["an overlong local part", `${"a".repeat(65)}@example.com`],
    ["an overlong address", `a@${`${"b".repeat(60)}.`.repeat(5)}com`],
    ["a label with an underscore", "alice@ex_ample.com"],
  ])("rejects %s", (_name, input) => {
    expect(() => parseEmailAddress(input)).toThrow(expect.objectContaining({ code: "INVALID_EMAIL" }));
  });
});
