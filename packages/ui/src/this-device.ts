/**
 * The passkeys registered from this browser, by credential ID, so the list can say "This device".
 * A synced passkey may be here too without having been made here; only what this browser made is told.
 */
const KEY = "latchkey.ui.thisDevice";

function read(): string[] {
  try {
    const ids: unknown = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? "[]");
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function isThisDevice(credentialId: string): boolean {
  return read().includes(credentialId);
}

export function rememberThisDevice(credentialId: string): void {
  globalThis.localStorage?.setItem(KEY, JSON.stringify([...read().filter((id) => id !== credentialId), credentialId]));
}
