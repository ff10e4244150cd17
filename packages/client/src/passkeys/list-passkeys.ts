import type { Passkey } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";

/** The signed-in user's passkeys, oldest first. */
export function listPasskeys(): Promise<Passkey[]> {
  return apiFetch<Passkey[]>("/passkeys", { auth: true });
}
