import { defaultSession } from "../session/default-session.ts";

/**
 * This browser's requests for sign-in texts: for each number, the random verifier whose SHA-256 (the
 * bindingHash) went with the newest request. The code can be tried only with it, so only this browser
 * can use the code, or use up its tries. Kept a quarter of an hour (no code lives longer), a few numbers.
 */
const KEY = "latchkey.smsVerifiers";
const KEPT = 5;
const KEPT_MS = 900_000;

interface Request {
  phoneNumber: string;
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
      typeof entry?.phoneNumber === "string" &&
      typeof entry.verifier === "string" &&
      typeof entry.at === "number" &&
      entry.at > fresh,
  );
}

function write(requests: Request[]): void {
  store().setItem(KEY, JSON.stringify(requests.slice(0, KEPT)));
}

/** Creates and keeps a new verifier for `phoneNumber`, replacing its last; returns the hash to send. */
export async function newSmsVerifier(phoneNumber: string): Promise<string> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  write([
    { phoneNumber, verifier, at: Date.now() },
    ...read().filter((request) => request.phoneNumber !== phoneNumber),
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The verifier of this browser's newest request for a text to `phoneNumber`, if any. */
export function smsVerifierFor(phoneNumber: string): string | undefined {
  return read().find((request) => request.phoneNumber === phoneNumber)?.verifier;
}

/** Forgets the verifier of a number whose code has been used. */
export function forgetSmsVerifier(phoneNumber: string): void {
  write(read().filter((request) => request.phoneNumber !== phoneNumber));
}
