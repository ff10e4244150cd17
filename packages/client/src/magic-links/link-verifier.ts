import { defaultSession } from "../session/default-session.ts";

/**
 * This browser's sign-in link requests: for each, a random verifier whose SHA-256 (the bindingHash)
 * went with the request. The link carries that hash back, so this browser knows a link it asked for
 * from one it did not; a same-browser link needs the verifier itself, and a code typed here gets tries
 * of its own with it. They live in localStorage because mail apps open links in a new tab, which a
 * sessionStorage value would not reach; a few, for a day (no link lives longer).
 */
const KEY = "latchkey.linkVerifiers";
const KEPT = 5;
const KEPT_MS = 86_400_000;

interface Request {
  verifier: string;
  at: number;
}

function store() {
  return globalThis.localStorage ?? defaultSession().config.storage;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

async function sha256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The requests kept, newest first; anything unreadable or stale is dropped. */
function read(): Request[] {
  let kept: unknown;
  try {
    kept = JSON.parse(store().getItem(KEY) ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(kept)) return [];
  const fresh = Date.now() - KEPT_MS;
  return kept.filter(
    (entry): entry is Request =>
      typeof entry?.verifier === "string" && typeof entry.at === "number" && entry.at > fresh,
  );
}

function write(requests: Request[]): void {
  store().setItem(KEY, JSON.stringify(requests.slice(0, KEPT)));
}

/** Creates and keeps a new verifier; returns the hash to send with the request. */
export async function newLinkVerifier(): Promise<string> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  write([{ verifier, at: Date.now() }, ...read()]);
  return sha256(verifier);
}

/** The verifier of this browser's newest request, if any. */
export function latestLinkVerifier(): string | undefined {
  return read()[0]?.verifier;
}

/** The verifier whose hash a link carries, if this browser asked for that link. */
export async function findLinkVerifier(bindingHash: string): Promise<string | undefined> {
  for (const { verifier } of read()) if ((await sha256(verifier)) === bindingHash) return verifier;
  return undefined;
}

/** Forgets a verifier whose link has been used. */
export function forgetLinkVerifier(verifier: string): void {
  write(read().filter((request) => request.verifier !== verifier));
}
