import { apiFetch } from "../api-fetch.ts";
import type { Passkey } from "./types.ts";

/** The signed-in user's passkeys, oldest first. */
export function listPasskeys(): Promise<Passkey[]> {
  return apiFetch<Passkey[]>("/passkeys", { auth: true });
}
