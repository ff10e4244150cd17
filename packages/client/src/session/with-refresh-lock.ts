import type { ResolvedConfig } from "./config.ts";
import { withStorageLock } from "./storage-lock.ts";

/**
 * Runs `run` while no other tab of this origin refreshes the same client's tokens: a refresh token
 * used twice at once costs a round trip and, with rotation, can revoke the session. The Web Locks API
 * where the browser has it, a storage-based lock otherwise.
 */
export function withRefreshLock<T>({ clientId, storage }: ResolvedConfig, run: () => Promise<T>): Promise<T> {
  const name = `latchkey.${clientId}.refresh-lock`;
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request(name, run) as Promise<T>;
  return withStorageLock(storage, name, run);
}
