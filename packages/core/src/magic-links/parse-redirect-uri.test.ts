import { testConfig } from "@latchkey/testkit/config";
import { describe, expect, it } from "vitest";
import { parseRedirectUri } from "./parse-redirect-uri.ts";

const allowlist = [
  // A whole origin, as the default (the allowed origins) has it.
  "https://app.example.com",
  "http://localhost:5173/",
  // A page and what lies below it, and a folder.
  "https://admin.example.com/signed-in",
  "https://admin.example.com/auth/",
];

describe("parseRedirectUri", () => {
  it.each([
    "https://app.example.com/",
    "https://app.example.com/sign-in?next=%2Fhome",
    "http://localhost:5173/callback",
    "https://admin.example.com/signed-in",
    "https://admin.example.com/signed-in?next=%2Fhome",
    "https://admin.example.com/signed-in/",
    "https://admin.example.com/signed-in/step-2",
    "https://admin.example.com/auth/callback",
    "https://ADMIN.example.com/signed-in",
    "https://admin.example.com:443/signed-in",
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
    ["another page of an origin allowed by path only", "https://admin.example.com/"],
    ["a path that only starts like the allowed one", "https://admin.example.com/signed-in-evil"],
    ["a path that only starts like the allowed one, again", "https://admin.example.com/signed-inx"],
    ["the folder without its slash", "https://admin.example.com/auth"],
    ["a path that climbs out", "https://admin.example.com/signed-in/../admin"],
    ["a path that climbs out, encoded", "https://admin.example.com/signed-in/%2e%2e/admin"],
    ["an encoded slash", "https://admin.example.com/signed-in%2F..%2Fadmin"],
    ["another case", "https://admin.example.com/Signed-In"],
    ["a backslash before an @", "https://admin.example.com\\@evil.test/signed-in"],
  ])("rejects %s", (_name, uri) => {
    expect(() => parseRedirectUri(uri, allowlist)).toThrow(expect.objectContaining({ code: "INVALID_REDIRECT_URI" }));
  });
});

describe("LATCHKEY_REDIRECT_ALLOWLIST", () => {
  it("defaults to the allowed origins, each as a whole", () => {
    expect(testConfig().magicLinks.redirectAllowlist).toEqual(["https://app.example.com/", "https://other.example/"]);
  });

  it("leaves out allowed origins that are no web origins, such as an Android app's", () => {
    const origins = "https://app.example.com,android:apk-key-hash:Ab_cD";
    expect(testConfig({ LATCHKEY_ALLOWED_ORIGINS: origins }).magicLinks.redirectAllowlist).toEqual([
      "https://app.example.com/",
    ]);
  });

  it("keeps paths, as URLs", () => {
    const config = testConfig({
      LATCHKEY_REDIRECT_ALLOWLIST: "https://app.example.com/signed-in, https://app.example.com",
    });
    expect(config.magicLinks.redirectAllowlist).toEqual([
      "https://app.example.com/signed-in",
      "https://app.example.com/",
    ]);
  });

  it.each([
    ["not a URL", "app.example.com/signed-in"],
    ["not http(s)", "ftp://app.example.com/"],
    ["a query", "https://app.example.com/signed-in?next=1"],
    ["a fragment", "https://app.example.com/signed-in#x"],
    ["credentials", "https://user@app.example.com/"],
  ])("refuses an entry with %s", (_name, entry) => {
    expect(() => testConfig({ LATCHKEY_REDIRECT_ALLOWLIST: entry })).toThrow(/LATCHKEY_REDIRECT_ALLOWLIST/);
  });
});
