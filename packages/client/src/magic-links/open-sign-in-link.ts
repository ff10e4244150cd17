import type { LatchkeyClientError } from "../errors.ts";
import { toClientError } from "../to-client-error.ts";
import { type LinkConfirmation, signInWithLink } from "./sign-in-with-link.ts";

/**
 * Why a link did not sign in, as far as this page can tell (Cognito refuses every bad answer alike):
 * "invalid": not a whole link (cut short, altered); "expired": past its time; "other-browser": asked
 * for in another browser, and used already or good only there; "used": redeemed already; "disabled":
 * the account is disabled; "unreachable": no answer (offline, an outage): the link still works, and
 * `retry` tries it again; "failed": anything else.
 */
export type LinkRefusal = "invalid" | "expired" | "other-browser" | "used" | "disabled" | "unreachable" | "failed";

export type LinkOpening =
  | { status: "signed-in" }
  | {
      status: "needs-confirmation";
      /** The link's account, its email masked; `reason` as signInWithLink() gives it. */
      account: string;
      reason: LinkConfirmation["reason"];
      /** Signs in, once the person has said so. */
      confirm: () => Promise<LinkOpening>;
    }
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

function refusal(error: LatchkeyClientError, token: string, fromElsewhere: boolean): LinkRefusal {
  if (error.code === "INVALID_LINK") return "invalid";
  if (error.code === "USER_DISABLED") return "disabled";
  if (RETRYABLE.has(error.code)) return "unreachable";
  if (error.code !== "SIGN_IN_FAILED") return "failed";
  if ((expiresAt(token) ?? Number.POSITIVE_INFINITY) <= Date.now()) return "expired";
  return fromElsewhere ? "other-browser" : "used";
}

let opened: { opening: Promise<LinkOpening> } | undefined;

/**
 * Opens the sign-in link this page was opened from, once: a call after the link left the address bar
 * (a component mounted twice, as React's StrictMode does) shares the first one's signInWithLink(). A link that needs the
 * person's word comes back with `confirm`; a refusal with its reason, and one that trying again may
 * cure (no network, an outage) with `retry`, which uses the same link again though the address bar no
 * longer shows it. Never rejects. One attempt runs at a time, however often confirm or retry is called.
 */
export function openSignInLink(): Promise<LinkOpening> {
  const token = location.hash.slice(1);
  // No link in the address bar: the one opened already (signInWithLink() took it out), mounted again.
  if (opened && !token) return opened.opening;
  let running: Promise<LinkOpening> | undefined;
  const once = (attempt: () => Promise<LinkOpening>) => {
    running ??= attempt().finally(() => {
      running = undefined;
    });
    return running;
  };

  const attempt = async (confirmed: boolean): Promise<LinkOpening> => {
    let fromElsewhere = false;
    try {
      // signInWithLink() reads the link from the address bar (and takes it out): a retry puts it back.
      if (location.hash.slice(1) !== token) history.replaceState(history.state, "", `#${token}`);
      const link = await signInWithLink();
      if (link.status === "signed-in") return { status: "signed-in" };
      fromElsewhere = link.reason === "other-browser";
      if (!confirmed) {
        const confirm = () => once(() => redeem(link, fromElsewhere));
        return { status: "needs-confirmation", account: link.account, reason: link.reason, confirm };
      }
      await link.confirm();
      return { status: "signed-in" };
    } catch (failure) {
      return refused(failure, fromElsewhere, confirmed);
    }
  };
  const redeem = async (link: LinkConfirmation, fromElsewhere: boolean): Promise<LinkOpening> => {
    try {
      await link.confirm();
      return { status: "signed-in" };
    } catch (failure) {
      return refused(failure, fromElsewhere, true);
    }
  };
  const refused = (failure: unknown, fromElsewhere: boolean, confirmed: boolean): LinkOpening => {
    const error = toClientError(failure);
    const reason = refusal(error, token, fromElsewhere);
    const retry = () => once(() => attempt(confirmed));
    return { status: "refused", reason, error, ...(reason === "unreachable" && { retry }) };
  };

  opened = { opening: once(() => attempt(false)) };
  return opened.opening;
}
