import type { TokenStorage } from "./config.ts";

/** Tokens kept in this page only: gone on reload, invisible to other tabs and to injected scripts reading storage. */
export function memoryStorage(): TokenStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}
