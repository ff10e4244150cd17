import { escapeHtml } from "./escape-html.ts";
import type { RenderedEmail } from "./magic-link-email.ts";

export interface StepUpEmailInput {
  /** A supported locale (resolveLocale). */
  locale: string;
  appName: string;
  code: string;
  expiresInMinutes: number;
}

/** Replace this to brand the email; the default below is plain, accessible and escapes every value. */
export type StepUpEmailTemplate = (input: StepUpEmailInput) => RenderedEmail;

interface StepUpWords {
  subject: (appName: string) => string;
  intro: (appName: string) => string;
  expiry: (minutes: number) => string;
  ignore: string;
}

const en: StepUpWords = {
  subject: (app) => `Confirm it's you on ${app}`,
  intro: (app) => `You are signed in to ${app} and asked to confirm it's you. Enter this code:`,
  expiry: (minutes) => `The code expires in ${minutes} minutes and works once.`,
  ignore: "If you did not ask for it, someone may be using your account: sign out everywhere.",
};

/** The languages of the sign-in email (emailLocales), so resolveLocale's choice is always here. */
const stepUpLocales: Record<string, StepUpWords> = {
  en,
  de: {
    subject: (app) => `Bestätigen Sie bei ${app}, dass Sie es sind`,
    intro: (app) =>
      `Sie sind bei ${app} angemeldet und möchten bestätigen, dass Sie es sind. Geben Sie diesen Code ein:`,
    expiry: (minutes) => `Der Code gilt ${minutes} Minuten und nur einmal.`,
    ignore: "Wenn Sie ihn nicht angefordert haben, nutzt vielleicht jemand Ihr Konto: Melden Sie sich überall ab.",
  },
  fr: {
    subject: (app) => `Confirmez que c’est bien vous sur ${app}`,
    intro: (app) => `Vous êtes connecté à ${app} et devez confirmer que c’est bien vous. Saisissez ce code :`,
    expiry: (minutes) => `Le code expire dans ${minutes} minutes et ne sert qu’une fois.`,
    ignore: "Si vous ne l’avez pas demandé, quelqu’un utilise peut-être votre compte : déconnectez-vous partout.",
  },
  es: {
    subject: (app) => `Confirma que eres tú en ${app}`,
    intro: (app) => `Has iniciado sesión en ${app} y debes confirmar que eres tú. Escribe este código:`,
    expiry: (minutes) => `El código caduca en ${minutes} minutos y sirve una sola vez.`,
    ignore: "Si no lo has pedido, puede que alguien esté usando tu cuenta: cierra la sesión en todas partes.",
  },
  ja: {
    subject: (app) => `${app} でご本人確認をしてください`,
    intro: (app) => `${app} にサインイン中です。ご本人であることを確認するため、次のコードを入力してください:`,
    expiry: (minutes) => `このコードの有効期限は ${minutes} 分で、1 回だけ使えます。`,
    ignore:
      "心当たりがない場合、誰かがアカウントを使っている可能性があります。すべての端末でサインアウトしてください。",
  },
};

/** A code only, no link: a step-up is typed into the page that asked, by a user already signed in there. */
export const stepUpEmail: StepUpEmailTemplate = (input) => {
  const words = (Object.hasOwn(stepUpLocales, input.locale) && stepUpLocales[input.locale]) || en;
  const expiry = words.expiry(input.expiresInMinutes);
  const text = [words.intro(input.appName), "", input.code, "", expiry, words.ignore, ""].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${e(input.locale)}"><head><meta charset="utf-8"><title>${e(words.subject(input.appName))}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${e(words.intro(input.appName))}</p>
<p><strong style="font-size:1.4em;letter-spacing:0.15em">${e(input.code)}</strong></p>
<p>${e(expiry)}<br>${e(words.ignore)}</p>
</body></html>
`;
  return { subject: words.subject(input.appName).replace(/[\r\n]+/g, " "), text, html };
};
