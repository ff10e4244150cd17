import { describe, expect, it } from "vitest";
import { emailLocales } from "./email-locales.ts";
import { stepUpEmail } from "./step-up-email.ts";

const input = { locale: "en", appName: "Acme", code: "042917", expiresInMinutes: 10 };

describe("stepUpEmail", () => {
  it("carries the code on a line of its own, and no link", () => {
    const email = stepUpEmail(input);
    expect(email.subject).toBe("Confirm it's you on Acme");
    expect(email.text.split("\n")).toContain("042917");
    expect(email.html).toContain("042917");
    expect(email.text).toContain("10 minutes");
    expect(`${email.text}${email.html}`).not.toMatch(/https?:|href=/);
  });

  it("escapes every value in the HTML part, and keeps the subject on one line", () => {
    const email = stepUpEmail({ ...input, appName: `<img src=x onerror="alert(1)">\r\nBcc: x@evil.test` });
    expect(email.html).not.toMatch(/<img|onerror="/);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("speaks every language of the sign-in email, and English for any other", () => {
    const english = stepUpEmail(input).subject;
    for (const locale of Object.keys(emailLocales).filter((name) => name !== "en")) {
      expect(stepUpEmail({ ...input, locale }).subject, locale).not.toBe(english);
    }
    expect(stepUpEmail({ ...input, locale: "de" }).subject).toBe("Bestätigen Sie bei Acme, dass Sie es sind");
    expect(stepUpEmail({ ...input, locale: "__proto__" }).subject).toBe("Confirm it's you on Acme");
  });
});
