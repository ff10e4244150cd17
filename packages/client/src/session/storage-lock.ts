import type { TokenStorage } from "./config.ts";

/** Timings of the storage lock; tests shorten nothing, the defaults are already small. */
const LEASE_MS = 10_000;
const SETTLE_MS = 40;
const POLL_MS = 60;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function holder(value: string | null): { owner: string; until: number } | undefined {
  const [owner, until] = (value ?? "").split(" ");
  return owner && until ? { owner, until: Number(until) } : undefined;
}

/**
 * A mutual-exclusion lock in shared storage, for browsers without the Web Locks API. Storage has no
 * compare-and-set, so a tab writes its claim, waits for other writers to settle, and proceeds only if
 * its claim survived; the last writer wins and everyone else waits. A lease bounds a closed tab's lock.
 */
export async function withStorageLock<T>(storage: TokenStorage, key: string, run: () => Promise<T>): Promise<T> {
  const me = Math.random().toString(36).slice(2);
  for (;;) {
    const held = holder(storage.getItem(key));
    if (!held || held.until < Date.now()) {
      storage.setItem(key, `${me} ${Date.now() + LEASE_MS}`);
      await sleep(SETTLE_MS);
      if (holder(storage.getItem(key))?.owner === me) break;
    }
    await sleep(POLL_MS);
  }
  try {
    return await run();
  } finally {
    if (holder(storage.getItem(key))?.owner === me) storage.removeItem(key);
  }
}
