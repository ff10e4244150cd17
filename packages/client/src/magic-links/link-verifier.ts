import { sha256, verifierStore } from "../session/verifier-store.ts";

/**
 * This browser's sign-in link requests: for each, a random verifier whose SHA-256 (the bindingHash)
 * went with the request. The link carries that hash back, so this browser knows a link it asked for
 * from one it did not; a same-browser link needs the verifier itself, and a code typed here gets tries
 * of its own with it. They live in localStorage because mail apps open links in a new tab, which a
 * sessionStorage value would not reach; a few, for a day (no link lives longer).
 */
const links = verifierStore({ key: "latchkey.linkVerifiers", kept: 5, keptMs: 86_400_000 });

/** Creates and keeps a new verifier; returns the hash to send with the request. */
export const newLinkVerifier = (): Promise<string> => links.add();

/** The verifier of this browser's newest request, if any. */
export const latestLinkVerifier = (): string | undefined => links.read()[0]?.verifier;

/** The verifier whose hash a link carries, if this browser asked for that link. */
export async function findLinkVerifier(bindingHash: string): Promise<string | undefined> {
  for (const { verifier } of links.read()) if ((await sha256(verifier)) === bindingHash) return verifier;
  return undefined;
}

/** Forgets a verifier whose link has been used. */
export const forgetLinkVerifier = (verifier: string): void => links.forget((entry) => entry.verifier === verifier);
