/**
 * Token changes (sign-in, refresh, sign-out, another tab's write) fan out from here to the status
 * store and the refresh timer, so the token module needs neither of them.
 */
const listeners = new Set<() => void>();

export function onChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyChange(): void {
  for (const listener of listeners) listener();
}
