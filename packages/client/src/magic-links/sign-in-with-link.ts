import { LatchkeyClientError } from "../errors.ts";
import { getUser, trackBusy } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { findLinkVerifier, forgetLinkVerifier } from "./link-verifier.ts";

const TOKEN = /^([\w-]+)\.[\w-]+$/;

/** Whether this page was opened from a sign-in link (its fragment holds a link token). */
export function hasSignInLink(): boolean {
  return TOKEN.test(globalThis.location?.hash.slice(1) ?? "");
}

/** A link that must not sign in before the person confirms it, and what to show them. */
export interface LinkConfirmation {
  status: "needs-confirmation";
  /** The account the link signs in to, its email masked: "a•••e@example.com". */
  account: string;
  /**
   * "other-browser": this browser did not ask for the link (it may be someone else's, planted on a
   * page to sign you into their account); "other-user": someone else is signed in here, and would be
   * signed out.
   */
  reason: "other-browser" | "other-user";
  /** Signs in with the link, once the person has said so. */
  confirm(): Promise<Tokens>;
}

export type LinkSignIn = { status: "signed-in"; tokens: Tokens } | LinkConfirmation;

interface LinkClaims {
  username: string;
  account: string;
  browser: string | undefined;
}

/** What the token says, read unverified: to address Cognito and to ask the person (the trigger verifies). */
function claimsOf(encodedPayload: string): LinkClaims | undefined {
  try {
    const base64 = encodedPayload.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    const { username, account, browser } = JSON.parse(json) as Record<string, unknown>;
    if (typeof username !== "string") return undefined;
    return {
      username,
      account: typeof account === "string" ? account : "",
      browser: typeof browser === "string" ? browser : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * Signs in with the link this page was opened from. The token leaves the address bar first (so it is
 * not bookmarked, shared or retried on reload). A link this browser asked for, opened while nobody
 * else is signed in here, signs in at once, with this browser's verifier. Any other link signs in only
 * once the person confirms: the result then says which account it is for, and `confirm()` signs in.
 * Only this call (or `confirm()`) redeems: opening the link does not.
 */
export async function signInWithLink(): Promise<LinkSignIn> {
  const token = location.hash.slice(1);
  const payload = TOKEN.exec(token)?.[1];
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
  const claims = payload && claimsOf(payload);
  if (!claims) throw new LatchkeyClientError("INVALID_LINK", "This sign-in link is not valid.");
  const linkVerifier = claims.browser && (await findLinkVerifier(claims.browser));
  const redeem = async () => {
    const tokens = await trackBusy("magic-link-sign-in", () =>
      signInWithAnswer({
        username: claims.username,
        signInMethod: "MAGIC_LINK",
        answer: token,
        ...(linkVerifier && { clientMetadata: { linkVerifier } }),
      }),
    );
    if (linkVerifier) forgetLinkVerifier(linkVerifier);
    return tokens;
  };
  const signedIn = getUser();
  const reason = signedIn && signedIn.username !== claims.username ? "other-user" : !linkVerifier && "other-browser";
  if (!reason) return { status: "signed-in", tokens: await redeem() };
  let confirmed: Promise<Tokens> | undefined;
  return {
    status: "needs-confirmation",
    account: claims.account,
    reason,
    confirm: () => {
      confirmed ??= redeem();
      return confirmed;
    },
  };
}
