import type { StepUpCodeMethod } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";
import { LatchkeyClientError } from "../errors.ts";
import { newLinkVerifier } from "../magic-links/link-verifier.ts";
import { noteResendWait } from "../magic-links/resend-wait.ts";
import { getUser, trackBusy } from "../session/default-session.ts";

/**
 * Asks the api to email the signed-in user a code for a step-up (to their verified address; the
 * request carries the access token, so nobody else can ask). Rejects with RATE_LIMITED (its wait is
 * kept for the address: resendWaitSeconds()), STEP_UP_METHOD_UNAVAILABLE without a verified address,
 * UNAUTHORIZED and the like. Then stepUpWithCode().
 */
export async function requestStepUpCode(input: { method?: StepUpCodeMethod; locale?: string } = {}): Promise<void> {
  await trackBusy("step-up-code-request", async () => {
    const email = getUser()?.email ?? "";
    const bindingHash = await newLinkVerifier();
    const locale = input.locale ?? globalThis.navigator?.language;
    const body = { method: input.method ?? "EMAIL_CODE", bindingHash, ...(locale && { locale }) };
    await apiFetch("/step-up/codes", { auth: true, body }).catch((error: unknown) => {
      if (error instanceof LatchkeyClientError && error.code === "RATE_LIMITED" && error.retryAfter) {
        noteResendWait(email, error.retryAfter);
      }
      throw error;
    });
  });
}
