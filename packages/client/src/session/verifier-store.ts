import { defaultSession } from "./default-session.ts";

/** One request's random verifier, when it was made, and what it was for (a phone number), if anything. */
export interface KeptVerifier {
  verifier: string;
  at: number;
  subject?: string;
}

export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The bindingHash of a verifier: its SHA-256, base64url. */
export async function sha256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * This browser's verifiers of one kind of request, under `key` in localStorage (the configured storage
 * outside a browser): the newest `kept`, each for `keptMs`. A verifier never leaves the browser; the
 * request carries its hash, and only the browser that keeps it can prove the request was its own.
 */
export function verifierStore(options: { key: string; kept: number; keptMs: number }) {
  const store = () => globalThis.localStorage ?? defaultSession().config.storage;

  /** The verifiers kept, newest first; anything unreadable or stale is dropped. */
  const read = (): KeptVerifier[] => {
    let kept: unknown;
    try {
      kept = JSON.parse(store().getItem(options.key) ?? "[]");
    } catch {
      return [];
    }
    if (!Array.isArray(kept)) return [];
    const fresh = Date.now() - options.keptMs;
    return kept.filter(
      (entry): entry is KeptVerifier =>
        typeof entry?.verifier === "string" &&
        typeof entry.at === "number" &&
        entry.at > fresh &&
        (entry.subject === undefined || typeof entry.subject === "string"),
    );
  };
  const write = (entries: KeptVerifier[]) =>
    store().setItem(options.key, JSON.stringify(entries.slice(0, options.kept)));

  return {
    read,
    /** Keeps a new verifier (in place of the last one for `subject`, if given); resolves with its hash. */
    async add(subject?: string): Promise<string> {
      const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
      const others = read().filter((entry) => subject === undefined || entry.subject !== subject);
      write([{ verifier, at: Date.now(), ...(subject !== undefined && { subject }) }, ...others]);
      return sha256(verifier);
    },
    /** Drops the verifiers `used` picks (a request whose link or code has been redeemed). */
    forget(used: (entry: KeptVerifier) => boolean): void {
      write(read().filter((entry) => !used(entry)));
    },
  };
}
