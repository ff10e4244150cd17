import type { Passkey } from "@latchkey/protocol";
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from "@simplewebauthn/browser";
import { apiFetch } from "../api-fetch.ts";
import { isConditionalCreateAvailable } from "../is-conditional-create-available.ts";
import { getUser } from "../session/default-session.ts";
import type { LatchkeyUser } from "../session/user.ts";
import { duringRegistration } from "./registration-guard.ts";
import { submitRegistration } from "./submit-registration.ts";

/** The attempt for the current sign-in: one per sign-in, however many callers ask. */
let attempt: { signIn: string; result: Promise<Passkey | undefined> } | undefined;

/** One sign-in of one user: its tokens keep origin_jti (or auth_time) through refreshes. */
const signInOf = (user: LatchkeyUser) => `${user.sub}:${user.claims.origin_jti ?? user.authTime}`;

/**
 * Asks the browser's password manager to make a passkey for the signed-in user without a prompt (WebAuthn
 * conditional create), for an account that has none for this page's RP ID, and registers it through the
 * usual route (with its recent sign-in rule). Browsers grant it at their own discretion: Chrome and
 * Safari only right after the person used a password the manager saved for this account. Resolves with
 * the new passkey, or undefined, silently, when the browser cannot or will not, the account has a
 * passkey here already, or anything fails; never rejects. Calls for the same sign-in share one attempt.
 */
export function upgradeToPasskey(): Promise<Passkey | undefined> {
  const user = getUser();
  if (!user) return Promise.resolve(undefined);
  const signIn = signInOf(user);
  if (attempt?.signIn !== signIn) attempt = { signIn, result: attemptUpgrade().catch(() => undefined) };
  return attempt.result;
}

async function attemptUpgrade(): Promise<Passkey | undefined> {
  if (!(await isConditionalCreateAvailable())) return undefined;
  return duringRegistration(async () => {
    const optionsJSON = await apiFetch<PublicKeyCredentialCreationOptionsJSON>("/passkeys/registration/options", {
      auth: true,
      body: { mediation: "conditional" },
    });
    // An upgrade is for an account without passkeys here; one with some adds them the usual way.
    if ((optionsJSON.excludeCredentials?.length ?? 0) > 0) return undefined;
    const response = await startRegistration({ optionsJSON, useAutoRegister: true });
    return submitRegistration(optionsJSON.rp.id ?? "", response);
  });
}
