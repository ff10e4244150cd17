import { noRegistrationSince } from "../registration-guard.ts";
import { fetchPasskeyAccount } from "./passkey-account.ts";
import { canSignal, sendSignal } from "./send-signal.ts";

/**
 * Tells the password manager what the api holds for the signed-in user on this page's RP ID: `accepted`,
 * every passkey it accepts (signalAllAcceptedCredentials: passkeys not among them are hidden);
 * `details`, the account's current name (signalCurrentUserDetails). One GET /passkeys/account, and only
 * where the browser has one of the methods asked for. Never signals from a failed or partial answer, nor
 * the accepted list when a registration of this page may have overtaken it. Never rejects.
 */
export async function signalPasskeyAccount(which: { accepted?: boolean; details?: boolean }): Promise<void> {
  const accepted = which.accepted === true && canSignal("signalAllAcceptedCredentials");
  const details = which.details === true && canSignal("signalCurrentUserDetails");
  if (!accepted && !details) return;
  const current = noRegistrationSince();
  const account = await fetchPasskeyAccount();
  if (!account) return;
  const { rpId, userId, name, displayName, credentialIds } = account;
  if (accepted && current()) {
    await sendSignal("signalAllAcceptedCredentials", { rpId, userId, allAcceptedCredentialIds: credentialIds });
  }
  if (details) await sendSignal("signalCurrentUserDetails", { rpId, userId, name, displayName });
}
