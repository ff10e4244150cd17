import { apiFetch } from "../api-fetch.ts";

/**
 * Deletes one of the signed-in user's passkeys; it can no longer sign in. Needs a recent sign-in
 * (RECENT_SIGN_IN_REQUIRED otherwise). The copy on the authenticator stays until the user removes it.
 */
export function deletePasskey(id: string): Promise<void> {
  return apiFetch<void>(`/passkeys/${encodeURIComponent(id)}`, { auth: true, method: "DELETE" });
}
