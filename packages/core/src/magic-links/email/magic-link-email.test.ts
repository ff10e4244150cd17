import { describe, expect, it } from "vitest";
import { resolveLocale } from "./email-locales.ts";
import { magicLinkEmail } from "./magic-link-email.ts";

const input = {
  locale: "en",
  appName: "Acme",
  link: "https://app.example.com/sign-in?a=1&b=2#eyJ.sig",
  code: "042917",
  expiresInMinutes: 10,
};

describe("magicLinkEmail", () => {
  it("carries the link and the code in the text and HTML parts", () => {
    const email = magicLinkEmail(input);
    expect(email.subject).toBe("Sign in to Acme");
    expect(email.text).toContain(input.link);
    expect(email.text).toContain("042917");
    expect(email.html).toContain('href="https://app.example.com/sign-in?a=1&amp;b=2#eyJ.sig"');
    expect(email.html).toContain("042917");
    expect(email.text).toContain("10 minutes");
  });

  it("escapes every value in the HTML part", () => {
    const email = magicLinkEmail({
      ...input,
      appName: `<img src=x onerror="alert(1)">`,
      link: `https://a.example/"><script>`,
    });
    expect(email.html).not.toMatch(/<img|<script|onerror="/);
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.html).toContain("https://a.example/&quot;&gt;&lt;script&gt;");
  });

  it("keeps the subject on one line", () => {
    expect(magicLinkEmail({ ...input, appName: "Acme\r\nBcc: x@evil.test" }).subject).not.toMatch(/[\r\n]/);
  });

  it("speaks German", () => {
    const email = magicLinkEmail({ ...input, locale: "de" });
    expect(email.subject).toBe("Bei Acme anmelden");
    expect(email.text).toContain("Oder geben Sie diesen Code ein: 042917");
    expect(email.html).toContain('lang="de"');
  });

  it.each([
    ["fr-CA", "Connexion à Acme", "Ou saisissez ce code : 042917"],
    ["es", "Inicia sesión en Acme", "O introduce este código: 042917"],
    ["ja-JP", "Acme にサインイン", "または、次のコードを入力してください: 042917"],
  ])("speaks the UI kit's languages too: %s", (locale, subject, code) => {
    const email = magicLinkEmail({ ...input, locale: resolveLocale(locale, "en") });
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(code);
    expect(email.html).toContain(`lang="${locale.split("-")[0]}"`);
  });

  it.each([
    ["de-AT", "en", "de"],
    ["it", "de", "de"],
    [undefined, "en-GB", "en"],
    ["xx", "yy", "en"],
    ["__proto__", "en", "en"],
  ])("resolves locale %s (fallback %s) to %s", (requested, fallback, locale) => {
    expect(resolveLocale(requested, fallback)).toBe(locale);
  });
});
