import { apiFetch } from "../api-fetch.ts";
import { signalPasskeyAccount } from "./signals/signal-passkey-account.ts";

/**
 * Deletes one of the signed-in user's passkeys; it can no longer sign in. Needs a recent sign-in
 * (RECENT_SIGN_IN_REQUIRED otherwise). The copy on the authenticator stays until the user removes it,
 * or until the password manager, told the passkeys the api still accepts (in the background, where the
 * browser has signalAllAcceptedCredentials), drops it.
 */
export async function deletePasskey(id: string): Promise<void> {
  await apiFetch<void>(`/passkeys/${encodeURIComponent(id)}`, { auth: true, method: "DELETE" });
  void signalPasskeyAccount({ accepted: true });
}
