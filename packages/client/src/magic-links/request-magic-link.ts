import { apiFetch } from "../api-fetch.ts";
import { LatchkeyClientError } from "../errors.ts";
import { defaultSession, trackBusy } from "../session/default-session.ts";
import { newLinkVerifier } from "./link-verifier.ts";
import { noteResendWait } from "./resend-wait.ts";

export interface MagicLinkRequest {
  email: string;
  /** The page the link opens; it must be on the api's allowlist. Default: this page, without its fragment. */
  redirectUri?: string;
  /** The email's language, e.g. "de"; default: the browser's. */
  locale?: string;
}

/**
 * Asks the api to email a sign-in link and a code. Resolves the same way whether or not the address
 * has an account (the api never tells); rejects with RATE_LIMITED, INVALID_EMAIL and the like. A
 * RATE_LIMITED refusal's wait is kept for the address: see resendWaitSeconds() and countDownResend().
 */
export async function requestMagicLink(request: MagicLinkRequest): Promise<void> {
  await trackBusy("magic-link-request", async () => {
    const bindingHash = await newLinkVerifier();
    const locale = request.locale ?? globalThis.navigator?.language;
    await apiFetch("/magic-links", {
      body: {
        email: request.email.trim(),
        redirectUri: request.redirectUri ?? `${location.origin}${location.pathname}${location.search}`,
        bindingHash,
        // The link is signed for this app client: Cognito will see the redemption come from it.
        clientId: defaultSession().config.clientId,
        ...(locale && { locale }),
      },
    }).catch((error: unknown) => {
      if (error instanceof LatchkeyClientError && error.code === "RATE_LIMITED" && error.retryAfter) {
        noteResendWait(request.email, error.retryAfter);
      }
      throw error;
    });
  });
}
