import { defaultSession } from "../session/default-session.ts";

/**
 * The same-browser binding: the browser that asks for a link keeps a random verifier and sends only
 * its SHA-256; redeeming the link needs the verifier itself. It lives in localStorage because mail
 * apps open links in a new tab, which a sessionStorage value would not reach.
 */
const KEY = "latchkey.linkVerifier";

function store() {
  return globalThis.localStorage ?? defaultSession().config.storage;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Creates and keeps a new verifier; returns the hash to send with the request. */
export async function newLinkVerifier(): Promise<string> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  store().setItem(KEY, verifier);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function readLinkVerifier(): string | undefined {
  return store().getItem(KEY) ?? undefined;
}

export function clearLinkVerifier(): void {
  store().removeItem(KEY);
}
