import type { Passkey } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";

/** Gives one of the signed-in user's passkeys a new name (1-64 characters). */
export function renamePasskey(id: string, friendlyName: string): Promise<Passkey> {
  return apiFetch<Passkey>(`/passkeys/${encodeURIComponent(id)}`, {
    auth: true,
    method: "PATCH",
    body: { friendlyName },
  });
}
