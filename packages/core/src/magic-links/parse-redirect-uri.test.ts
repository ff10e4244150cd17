import { describe, expect, it } from "vitest";
import { parseRedirectUri } from "./parse-redirect-uri.ts";

const allowlist = ["https://app.example.com", "http://localhost:5173/"];

describe("parseRedirectUri", () => {
  it.each([
    "https://app.example.com/",
    "https://app.example.com/sign-in?next=%2Fhome",
    "http://localhost:5173/callback",
  ])("accepts %s", (uri) => {
    expect(parseRedirectUri(uri, allowlist).href).toBe(new URL(uri).href);
  });

  it.each([
    ["another origin", "https://evil.test/"],
    ["a lookalike host", "https://app.example.com.evil.test/"],
    ["another port", "https://app.example.com:8443/"],
    ["another scheme", "http://app.example.com/"],
    ["a userinfo trick", "https://app.example.com@evil.test/"],
    ["credentials", "https://user:pw@app.example.com/"],
    ["a fragment", "https://app.example.com/#x"],
    ["javascript", "javascript:alert(1)"],
    ["a relative path", "/sign-in"],
    ["a protocol-relative URL", "//evil.test/"],
    ["an overlong URL", `https://app.example.com/${"a".repeat(3000)}`],
  ])("rejects %s", (_name, uri) => {
    expect(() => parseRedirectUri(uri, allowlist)).toThrow(expect.objectContaining({ code: "INVALID_REDIRECT_URI" }));
  });
});
