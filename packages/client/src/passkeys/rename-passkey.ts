import type { Passkey } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";
import { signalPasskeyAccount } from "./signals/signal-passkey-account.ts";

/**
 * Gives one of the signed-in user's passkeys a new name (1-64 characters). Then, in the background, the
 * password manager is given the account's current name (signalCurrentUserDetails).
 */
export async function renamePasskey(id: string, friendlyName: string): Promise<Passkey> {
  const renamed = await apiFetch<Passkey>(`/passkeys/${encodeURIComponent(id)}`, {
    auth: true,
    method: "PATCH",
    body: { friendlyName },
  });
  void signalPasskeyAccount({ details: true });
  return renamed;
}
