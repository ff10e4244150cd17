import { describe, expect, it } from "vitest";
import { emailLocales } from "./email-locales.ts";
import { passkeyNoticeEmail } from "./passkey-notice-email.ts";

const input = { locale: "en", appName: "Acme", change: "added" as const, passkeyName: "MacBook" };

describe("passkeyNoticeEmail", () => {
  it("names the passkey and the change, with no link", () => {
    const added = passkeyNoticeEmail(input);
    expect(added.subject).toBe("A passkey was added to your Acme account");
    expect(added.text).toContain('The passkey "MacBook" was added to your Acme account.');
    const removed = passkeyNoticeEmail({ ...input, change: "removed" });
    expect(removed.text).toContain("It can no longer sign you in.");
    expect(`${added.text}${added.html}`).not.toMatch(/https?:|href/);
  });

  it("escapes the name in HTML and keeps the subject on one line", () => {
    const email = passkeyNoticeEmail({
      ...input,
      passkeyName: '<img src=x onerror="x">',
      appName: "A\r\nBcc: x@evil.test",
    });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("speaks every language of the sign-in email, and English for any other", () => {
    const english = passkeyNoticeEmail(input).subject;
    for (const locale of Object.keys(emailLocales).filter((name) => name !== "en")) {
      expect(passkeyNoticeEmail({ ...input, locale }).subject, locale).not.toBe(english);
    }
    expect(passkeyNoticeEmail({ ...input, locale: "__proto__" }).subject).toBe(english);
  });
});
