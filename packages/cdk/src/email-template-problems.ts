import {
  emailLocales,
  type MagicLinkEmailInput,
  type PasskeyNoticeInput,
  type StepUpEmailInput,
} from "@latchkey/core/magic-links";

/** What each template gets; a link with `&` shows whether the HTML escapes it. */
const SAMPLES = {
  magicLinkEmail: {
    appName: "Example",
    link: "https://app.example.com/signed-in?next=%2Fhome&tab=1#sample-token",
    code: "123456",
    expiresInMinutes: 10,
  } satisfies Omit<MagicLinkEmailInput, "locale">,
  stepUpEmail: { appName: "Example", code: "654321", expiresInMinutes: 5 } satisfies Omit<StepUpEmailInput, "locale">,
  passkeyNoticeEmail: { appName: "Example", change: "added", passkeyName: "iPhone" } satisfies Omit<
    PasskeyNoticeInput,
    "locale"
  >,
};

type TemplateName = keyof typeof SAMPLES;
const NAMES = Object.keys(SAMPLES) as TemplateName[];

/** What the reader needs to find in the email: the link and the code, or the code. */
function mustShow(name: TemplateName): string[] {
  if (name === "magicLinkEmail") return [SAMPLES.magicLinkEmail.link, SAMPLES.magicLinkEmail.code];
  if (name === "stepUpEmail") return [SAMPLES.stepUpEmail.code];
  return [];
}

/**
 * Why a module of email templates (`email.templates`) would not work, rendered in every language the
 * api picks from; empty when it would. Each export must be one of the api's templates and render a
 * subject on one line, a text and an HTML body, and the sign-in email must show its link and its code
 * (in HTML the link with `&amp;` too), the step-up email its code: without them nobody could sign in.
 */
export function emailTemplateProblems(module: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const exported = Object.keys(module);
  for (const name of exported.filter((name) => !NAMES.includes(name as TemplateName))) {
    problems.push(`exports "${name}", which is none of ${NAMES.join(", ")}`);
  }
  if (!exported.some((name) => NAMES.includes(name as TemplateName))) {
    problems.push(`exports none of ${NAMES.join(", ")}`);
  }
  for (const name of NAMES.filter((name) => name in module)) {
    const template = module[name];
    if (typeof template !== "function") {
      problems.push(`${name} is not a function`);
      continue;
    }
    for (const locale of Object.keys(emailLocales)) {
      const where = `${name} (${locale})`;
      let email: unknown;
      try {
        email = template({ ...SAMPLES[name], locale });
      } catch (error) {
        problems.push(`${where} throws: ${(error as Error)?.message ?? error}`);
        continue;
      }
      const { subject, text, html } = (email ?? {}) as Record<string, unknown>;
      if (typeof subject !== "string" || typeof text !== "string" || typeof html !== "string") {
        problems.push(`${where} must return { subject, text, html }, all strings`);
        continue;
      }
      if (subject.trim() === "" || /[\r\n]/.test(subject))
        problems.push(`${where}: the subject must be one line of text`);
      if (text.trim() === "" || html.trim() === "") problems.push(`${where}: the text and the HTML must not be empty`);
      for (const needed of mustShow(name)) {
        if (!text.includes(needed)) problems.push(`${where}: the text does not show ${needed}`);
        if (!html.includes(needed) && !html.includes(needed.replaceAll("&", "&amp;"))) {
          problems.push(`${where}: the HTML does not show ${needed}`);
        }
      }
    }
  }
  return problems;
}
