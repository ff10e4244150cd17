import { escapeHtml } from "./escape-html.ts";
import type { RenderedEmail } from "./magic-link-email.ts";

export interface PasskeyNoticeInput {
  /** A language of the sign-in email (see resolveLocale). */
  locale: string;
  appName: string;
  change: "added" | "removed";
  /** The passkey's name as the user sees it in their list. */
  passkeyName: string;
}

/** Replace this to brand the email; the default below is plain, accessible and escapes every value. */
export type PasskeyNoticeTemplate = (input: PasskeyNoticeInput) => RenderedEmail;

interface NoticeWords {
  subject: (app: string, change: PasskeyNoticeInput["change"]) => string;
  body: (app: string, change: PasskeyNoticeInput["change"], name: string) => string;
  notYou: string;
}

const en: NoticeWords = {
  subject: (app, change) =>
    change === "added"
      ? `A passkey was added to your ${app} account`
      : `A passkey was removed from your ${app} account`,
  body: (app, change, name) =>
    change === "added"
      ? `The passkey "${name}" was added to your ${app} account. It can sign you in from now on.`
      : `The passkey "${name}" was removed from your ${app} account. It can no longer sign you in.`,
  notYou: "If this wasn't you, sign in, check your passkeys, and sign out everywhere.",
};

/** The languages of the sign-in email (emailLocales), so resolveLocale's choice is always here. */
const noticeLocales: Record<string, NoticeWords> = {
  en,
  de: {
    subject: (app, change) => `Ein Passkey wurde Ihrem ${app}-Konto ${change === "added" ? "hinzugefügt" : "entfernt"}`,
    body: (app, change, name) =>
      change === "added"
        ? `Der Passkey „${name}“ wurde Ihrem ${app}-Konto hinzugefügt. Mit ihm können Sie sich ab jetzt anmelden.`
        : `Der Passkey „${name}“ wurde aus Ihrem ${app}-Konto entfernt. Mit ihm ist keine Anmeldung mehr möglich.`,
    notYou: "Wenn Sie das nicht waren, melden Sie sich an, prüfen Sie Ihre Passkeys und melden Sie sich überall ab.",
  },
  fr: {
    subject: (app, change) =>
      `Une clé d’accès a été ${change === "added" ? "ajoutée à" : "supprimée de"} votre compte ${app}`,
    body: (app, change, name) =>
      change === "added"
        ? `La clé d’accès « ${name} » a été ajoutée à votre compte ${app}. Elle permet désormais de vous connecter.`
        : `La clé d’accès « ${name} » a été supprimée de votre compte ${app}. Elle ne permet plus de vous connecter.`,
    notYou: "Si ce n’était pas vous, connectez-vous, vérifiez vos clés d’accès et déconnectez-vous partout.",
  },
  es: {
    subject: (app, change) =>
      `Se ha ${change === "added" ? "añadido" : "eliminado"} una llave de acceso en tu cuenta de ${app}`,
    body: (app, change, name) =>
      change === "added"
        ? `Se ha añadido la llave de acceso «${name}» a tu cuenta de ${app}. A partir de ahora puede iniciar tu sesión.`
        : `Se ha eliminado la llave de acceso «${name}» de tu cuenta de ${app}. Ya no puede iniciar tu sesión.`,
    notYou: "Si no has sido tú, inicia sesión, revisa tus llaves de acceso y cierra la sesión en todas partes.",
  },
  ja: {
    subject: (app, change) => `${app} アカウントのパスキーが${change === "added" ? "追加" : "削除"}されました`,
    body: (app, change, name) =>
      change === "added"
        ? `パスキー「${name}」が ${app} アカウントに追加されました。今後このパスキーでサインインできます。`
        : `パスキー「${name}」が ${app} アカウントから削除されました。このパスキーではサインインできなくなりました。`,
    notYou: "心当たりがない場合は、サインインしてパスキーを確認し、すべての端末からサインアウトしてください。",
  },
};

/** The notice of a passkey added to or removed from the account: it holds no link and no secret. */
export const passkeyNoticeEmail: PasskeyNoticeTemplate = (input) => {
  const words = (Object.hasOwn(noticeLocales, input.locale) && noticeLocales[input.locale]) || en;
  const subject = words.subject(input.appName, input.change).replace(/[\r\n]+/g, " ");
  const body = words.body(input.appName, input.change, input.passkeyName);
  const text = [body, "", words.notYou, ""].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${e(input.locale)}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5">
<p>${e(body)}</p>
<p>${e(words.notYou)}</p>
</body></html>
`;
  return { subject, text, html };
};
