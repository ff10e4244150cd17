import { defaultWords, emailLocales } from "./email-locales.ts";
import { escapeHtml } from "./escape-html.ts";

export interface MagicLinkEmailInput {
  /** A supported locale (resolveLocale). */
  locale: string;
  appName: string;
  /** `redirectUri#token`. */
  link: string;
  code: string;
  expiresInMinutes: number;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Replace this to brand the email; the default below is plain, accessible and escapes every value. */
export type MagicLinkEmailTemplate = (input: MagicLinkEmailInput) => RenderedEmail;

export const magicLinkEmail: MagicLinkEmailTemplate = (input) => {
  const words = (Object.hasOwn(emailLocales, input.locale) && emailLocales[input.locale]) || defaultWords;
  const expiry = words.expiry(input.expiresInMinutes);
  const text = [
    words.intro(input.appName),
    "",
    input.link,
    "",
    `${words.codeIntro} ${input.code}`,
    "",
    expiry,
    words.ignore,
    "",
  ].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${e(input.locale)}"><head><meta charset="utf-8"><title>${e(words.subject(input.appName))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${e(words.intro(input.appName))}</p>
<p><a href="${e(input.link)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${e(words.button)}</a></p>
<p>${e(words.codeIntro)} <strong style="font-size:1.4em;letter-spacing:0.15em">${e(input.code)}</strong></p>
<p>${e(expiry)}<br>${e(words.ignore)}</p>
</body></html>
`;
  return { subject: words.subject(input.appName).replace(/[\r\n]+/g, " "), text, html };
};
