import { errorFields, log } from "@latchkey/core";
import { passkeyNoticeEmail, resolveLocale } from "@latchkey/core/magic-links";
import { recordMetric } from "@latchkey/core/telemetry";
import type { ApiDeps } from "../deps.ts";

/**
 * Emails the user that a passkey was added to or removed from their account (LATCHKEY_PASSKEY_NOTICES,
 * on by default), in the language the browser asked in, to the verified address only. The change has
 * happened whether or not the mail goes out, so a failure to send is logged, not answered.
 */
export async function notifyPasskeyChange(
  deps: Pick<ApiDeps, "config" | "mailer" | "passkeyNoticeEmail">,
  input: {
    user: { email: string | undefined; emailVerified: boolean };
    change: "added" | "removed";
    passkeyName: string;
    acceptLanguage: string | undefined;
  },
): Promise<void> {
  const { config } = deps;
  const { email, emailVerified } = input.user;
  if (!config.passkeys.notices || !email || !emailVerified) return;
  const render = deps.passkeyNoticeEmail ?? passkeyNoticeEmail;
  const language = input.acceptLanguage?.split(",")[0]?.split(";")[0]?.trim();
  const notice = render({
    locale: resolveLocale(language, config.magicLinks.locale),
    appName: config.passkeys.relyingPartyName,
    change: input.change,
    passkeyName: input.passkeyName,
  });
  try {
    await deps.mailer.send({ to: email, ...notice });
    recordMetric("EmailSent", { Kind: "notice" });
  } catch (error) {
    log("error", "passkey notice not sent", { change: input.change, ...errorFields(error) });
  }
}
