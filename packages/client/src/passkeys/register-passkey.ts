import type { Passkey } from "@latchkey/protocol";
import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from "@simplewebauthn/browser";
import { apiFetch } from "../api-fetch.ts";
import { trackBusy } from "../session/default-session.ts";
import { toClientError } from "../to-client-error.ts";
import { duringRegistration } from "./registration-guard.ts";
import { submitRegistration } from "./submit-registration.ts";

/**
 * Creates a passkey for the signed-in user on this device (or a phone or security key) and registers it.
 * The api asks for a recent sign-in: after RECENT_SIGN_IN_REQUIRED, sign in again and retry. A passkey
 * the api refuses after the authenticator made it is signalled unknown, so the password manager drops it.
 */
export function registerPasskey(input: { friendlyName?: string } = {}): Promise<Passkey> {
  return trackBusy("passkey-registration", () =>
    duringRegistration(async () => {
      const optionsJSON = await apiFetch<PublicKeyCredentialCreationOptionsJSON>("/passkeys/registration/options", {
        auth: true,
        body: {},
      });
      const response = await startRegistration({ optionsJSON }).catch((error: unknown) => {
        throw toClientError(error);
      });
      return submitRegistration(optionsJSON.rp.id ?? "", response, input.friendlyName);
    }),
  );
}
