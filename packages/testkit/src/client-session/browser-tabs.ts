import { vi } from "vitest";

/** The Storage methods the client keeps its tokens with. */
export interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The page's event target, as a browser window is, for tests in Node: client sessions made after this
 * call follow the storage events dispatched on it.
 */
export function stubBrowserWindow(): EventTarget {
  const page = new EventTarget();
  vi.stubGlobal("addEventListener", page.addEventListener.bind(page));
  vi.stubGlobal("removeEventListener", page.removeEventListener.bind(page));
  return page;
}

/** What a browser dispatches in the other tabs when one of them changes `key` in their shared storage. */
export function storageEvent(key: string | null): Event {
  return Object.assign(new Event("storage"), { key });
}

/**
 * Storage the tabs of one origin share, as they share localStorage: each change is announced on `page`
 * as a storage event. Browsers announce it to the other tabs only; here the writer hears it too, and
 * takes it as one more read of what it just wrote.
 */
export function sharedStorage(page: EventTarget): TabStorage {
  const items = new Map<string, string>();
  const announce = (key: string) => page.dispatchEvent(storageEvent(key));
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      if (items.get(key) === value) return;
      items.set(key, value);
      announce(key);
    },
    removeItem(key) {
      if (!items.delete(key)) return;
      announce(key);
    },
  };
}
