import { magicLinkEmail, passkeyNoticeEmail, stepUpEmail } from "@latchkey/core/magic-links";
import { describe, expect, it } from "vitest";
import { emailTemplateProblems } from "./email-template-problems.ts";

const rendered = (subject: string, body: string) => ({ subject, text: body, html: `<p>${body}</p>` });

describe("emailTemplateProblems", () => {
  it("finds none in the built-in templates, alone or together", () => {
    expect(emailTemplateProblems({ magicLinkEmail, stepUpEmail, passkeyNoticeEmail })).toEqual([]);
    expect(emailTemplateProblems({ stepUpEmail })).toEqual([]);
  });

  it("accepts a link written with &amp; in the HTML, as escaping it should", () => {
    const template = (input: { link: string; code: string }) => ({
      subject: "Sign in",
      text: `${input.link} ${input.code}`,
      html: `<a href="${input.link.replaceAll("&", "&amp;")}">Sign in</a> ${input.code}`,
    });
    expect(emailTemplateProblems({ magicLinkEmail: template })).toEqual([]);
  });

  it("refuses exports that are no template, or no template at all", () => {
    expect(emailTemplateProblems({ magicLinkMail: magicLinkEmail })).toEqual([
      'exports "magicLinkMail", which is none of magicLinkEmail, stepUpEmail, passkeyNoticeEmail',
      "exports none of magicLinkEmail, stepUpEmail, passkeyNoticeEmail",
    ]);
    expect(emailTemplateProblems({ default: { magicLinkEmail } })).toContain(
      'exports "default", which is none of magicLinkEmail, stepUpEmail, passkeyNoticeEmail',
    );
    expect(emailTemplateProblems({ stepUpEmail: "Your code" })).toEqual(["stepUpEmail is not a function"]);
  });

  it("refuses a sign-in email without its link or its code, and a step-up email without its code", () => {
    const noLink = (input: { code: string }) => rendered("Sign in", `Code: ${input.code}`);
    const problems = emailTemplateProblems({ magicLinkEmail: noLink });
    expect(problems).toContain(
      "magicLinkEmail (en): the text does not show https://app.example.com/signed-in?next=%2Fhome&tab=1#sample-token",
    );
    expect(problems.filter((p) => p.includes("the HTML does not show https://"))).toHaveLength(5);
    const noCode = () => rendered("Confirm", "Confirm it is you.");
    expect(emailTemplateProblems({ stepUpEmail: noCode })).toContain("stepUpEmail (ja): the text does not show 654321");
  });

  it("refuses a template that throws, returns something else, or breaks the subject over lines", () => {
    const throws = (input: { locale: string }) => {
      if (input.locale === "ja") throw new Error("no Japanese");
      return passkeyNoticeEmail(input as Parameters<typeof passkeyNoticeEmail>[0]);
    };
    expect(emailTemplateProblems({ passkeyNoticeEmail: throws })).toEqual([
      "passkeyNoticeEmail (ja) throws: no Japanese",
    ]);
    expect(emailTemplateProblems({ passkeyNoticeEmail: async () => rendered("A", "B") })).toContain(
      "passkeyNoticeEmail (en) must return { subject, text, html }, all strings",
    );
    expect(emailTemplateProblems({ passkeyNoticeEmail: () => rendered("A\r\nBcc: x@example.com", "B") })).toContain(
      "passkeyNoticeEmail (de): the subject must be one line of text",
    );
    expect(emailTemplateProblems({ passkeyNoticeEmail: () => rendered("A", " ") })).toContain(
      "passkeyNoticeEmail (fr): the text and the HTML must not be empty",
    );
  });
});
