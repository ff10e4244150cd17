import type { LatchkeyClientError } from "../errors.ts";
import { toClientError } from "../to-client-error.ts";
import { readLinkVerifier } from "./link-verifier.ts";
import { signInWithLink } from "./sign-in-with-link.ts";

/**
 * Why a link did not sign in, as far as this page can tell (Cognito refuses every bad answer alike):
 * "invalid": not a whole link (cut short, altered); "expired": past its time; "other-browser": it was
 * asked for in another browser, and works only there; "used": redeemed already, or replaced;
 * "disabled": the account is disabled; "unreachable": no answer (offline, an outage), the link still
 * works and `retry` tries it again; "failed": anything else.
 */
export type LinkRefusal = "invalid" | "expired" | "other-browser" | "used" | "disabled" | "unreachable" | "failed";

export type LinkOpening =
  | { status: "signed-in" }
  | { status: "refused"; reason: LinkRefusal; error: LatchkeyClientError; retry?: () => Promise<LinkOpening> };

const RETRYABLE = new Set(["NETWORK_ERROR", "SERVICE_UNAVAILABLE", "SESSION_EXPIRED"]);

/** The link's expiry, read unverified from its payload: to word a refusal, never to decide one. */
function expiresAt(token: string): number | undefined {
  try {
    const base64 = (token.split(".")[0] ?? "").replace(/-/g, "+").replace(/_/g, "/");
    const { exp } = JSON.parse(atob(base64)) as { exp?: unknown };
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function refusal(error: LatchkeyClientError, token: string, askedHere: boolean): LinkRefusal {
  if (error.code === "INVALID_LINK") return "invalid";
  if (error.code === "USER_DISABLED") return "disabled";
  if (RETRYABLE.has(error.code)) return "unreachable";
  if (error.code !== "SIGN_IN_FAILED") return "failed";
  if ((expiresAt(token) ?? Number.POSITIVE_INFINITY) <= Date.now()) return "expired";
  return askedHere ? "used" : "other-browser";
}

let opened: { token: string; opening: Promise<LinkOpening> } | undefined;

/**
 * Opens the sign-in link this page was opened from, once: calls for the same link (a component
 * mounted twice, as React's StrictMode does) share one redemption. Never rejects: a refusal comes
 * with its reason, and one that a retry may cure (no network, an outage) with `retry`, which uses the
 * same link again, though the address bar no longer shows it.
 */
export function openSignInLink(): Promise<LinkOpening> {
  const token = location.hash.slice(1);
  if (opened && (!token || token === opened.token)) return opened.opening;
  const askedHere = readLinkVerifier() !== undefined;
  let pending: Promise<LinkOpening> | undefined;
  const redeem = (): Promise<LinkOpening> => {
    // signInWithLink() reads the link from the address bar (and takes it out): put it back for it.
    if (location.hash.slice(1) !== token) history.replaceState(history.state, "", `#${token}`);
    const attempt = signInWithLink().then(
      (): LinkOpening => ({ status: "signed-in" }),
      (failure: unknown): LinkOpening => {
        const error = toClientError(failure);
        const reason = refusal(error, token, askedHere);
        return { status: "refused", reason, error, ...(reason === "unreachable" && { retry }) };
      },
    );
    pending = attempt;
    void attempt.then(() => {
      pending = undefined;
    });
    return attempt;
  };
  // One attempt at a time, however often the person presses "Try again".
  const retry = () => pending ?? redeem();
  opened = { token, opening: redeem() };
  return opened.opening;
}
