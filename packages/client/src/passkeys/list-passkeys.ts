import type { Passkey } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";
import { signalPasskeyAccount } from "./signals/signal-passkey-account.ts";

/**
 * The signed-in user's passkeys, oldest first. Then, in the background, the password manager learns
 * which of them this page's RP ID accepts (signalAllAcceptedCredentials), from the api's own account.
 */
export async function listPasskeys(): Promise<Passkey[]> {
  const passkeys = await apiFetch<Passkey[]>("/passkeys", { auth: true });
  void signalPasskeyAccount({ accepted: true });
  return passkeys;
}
