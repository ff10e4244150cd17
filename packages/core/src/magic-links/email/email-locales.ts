/** The words of the sign-in email, per language. Add a language by adding an entry. */
export interface EmailWords {
  subject: (appName: string) => string;
  intro: (appName: string) => string;
  button: string;
  codeIntro: string;
  expiry: (minutes: number) => string;
  ignore: string;
}

const en: EmailWords = {
  subject: (app) => `Sign in to ${app}`,
  intro: (app) => `Use the link below to sign in to ${app}.`,
  button: "Sign in",
  codeIntro: "Or enter this code:",
  expiry: (minutes) => `The link and the code expire in ${minutes} minutes and work once.`,
  ignore: "If you did not ask to sign in, ignore this email.",
};

export const emailLocales: Record<string, EmailWords> = {
  en,
  de: {
    subject: (app) => `Bei ${app} anmelden`,
    intro: (app) => `Melden Sie sich über den folgenden Link bei ${app} an.`,
    button: "Anmelden",
    codeIntro: "Oder geben Sie diesen Code ein:",
    expiry: (minutes) => `Link und Code gelten ${minutes} Minuten und nur einmal.`,
    ignore: "Wenn Sie keine Anmeldung angefordert haben, ignorieren Sie diese E-Mail.",
  },
  fr: {
    subject: (app) => `Connexion à ${app}`,
    intro: (app) => `Utilisez le lien ci-dessous pour vous connecter à ${app}.`,
    button: "Se connecter",
    codeIntro: "Ou saisissez ce code :",
    expiry: (minutes) => `Le lien et le code expirent dans ${minutes} minutes et ne servent qu’une fois.`,
    ignore: "Si vous n’avez pas demandé à vous connecter, ignorez cet e-mail.",
  },
  es: {
    subject: (app) => `Inicia sesión en ${app}`,
    intro: (app) => `Usa el enlace de abajo para iniciar sesión en ${app}.`,
    button: "Iniciar sesión",
    codeIntro: "O introduce este código:",
    expiry: (minutes) => `El enlace y el código caducan en ${minutes} minutos y solo sirven una vez.`,
    ignore: "Si no has pedido iniciar sesión, ignora este correo.",
  },
  ja: {
    subject: (app) => `${app} にサインイン`,
    intro: (app) => `下のリンクから ${app} にサインインしてください。`,
    button: "サインイン",
    codeIntro: "または、次のコードを入力してください:",
    expiry: (minutes) => `リンクとコードの有効期限は ${minutes} 分で、一度だけ使えます。`,
    ignore: "サインインを依頼していない場合は、このメールを無視してください。",
  },
};

export const defaultWords = en;

/** The best supported locale for a requested one ("de-AT" -> "de"), else the fallback, else English. */
export function resolveLocale(requested: string | undefined, fallback: string): string {
  for (const candidate of [requested, fallback]) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (language && Object.hasOwn(emailLocales, language)) return language;
  }
  return "en";
}
