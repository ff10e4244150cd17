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
