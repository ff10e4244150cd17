import { LatchkeyClientError } from "../errors.ts";
import { trackBusy } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { clearLinkVerifier, readLinkVerifier } from "./link-verifier.ts";

const TOKEN = /^([\w-]+)\.[\w-]+$/;

/** Whether this page was opened from a sign-in link (its fragment holds a link token). */
export function hasSignInLink(): boolean {
  return TOKEN.test(globalThis.location?.hash.slice(1) ?? "");
}

/** The username the token names; read unverified, only to address Cognito (the trigger verifies). */
function usernameOf(encodedPayload: string): string | undefined {
  try {
    const base64 = encodedPayload.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const { username } = JSON.parse(json) as { username?: unknown };
    return typeof username === "string" ? username : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs in with the link this page was opened from. The token leaves the address bar first (so it
 * is not bookmarked, shared or retried on reload), then goes to Cognito as a MAGIC_LINK answer, with
 * this browser's verifier when it asked for the link. Only this call redeems: opening the link does not.
 */
export async function signInWithLink(): Promise<Tokens> {
  const token = location.hash.slice(1);
  const payload = TOKEN.exec(token)?.[1];
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
  const username = payload && usernameOf(payload);
  if (!username) throw new LatchkeyClientError("INVALID_LINK", "This sign-in link is not valid.");
  const linkVerifier = readLinkVerifier();
  const tokens = await trackBusy("magic-link-sign-in", () =>
    signInWithAnswer({
      username,
      signInMethod: "MAGIC_LINK",
      answer: token,
      ...(linkVerifier && { clientMetadata: { linkVerifier } }),
    }),
  );
  clearLinkVerifier();
  return tokens;
}
