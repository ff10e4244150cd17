import type { StepUpCodeMethod } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";
import { LatchkeyClientError } from "../errors.ts";
import { newLinkVerifier } from "../magic-links/link-verifier.ts";
import { noteResendWait } from "../magic-links/resend-wait.ts";
import { getUser, trackBusy } from "../session/default-session.ts";
import { newSmsVerifier } from "../sms/sms-verifier.ts";

/**
 * Asks the api to send the signed-in user a code for a step-up: by email to their verified address
 * (EMAIL_CODE, the default), or by text to their verified phone number (SMS_CODE); the request
 * carries the access token, so nobody else can ask. Either code can be tried only in this browser,
 * which keeps its verifier. Rejects with RATE_LIMITED (its wait is kept for the address or number:
 * resendWaitSeconds()), STEP_UP_METHOD_UNAVAILABLE without a verified one, SMS_DESTINATION_NOT_ALLOWED,
 * UNAUTHORIZED and the like. Then stepUpWithCode() with the same method.
 */
export async function requestStepUpCode(input: { method?: StepUpCodeMethod; locale?: string } = {}): Promise<void> {
  await trackBusy("step-up-code-request", async () => {
    const method = input.method ?? "EMAIL_CODE";
    const user = getUser();
    const destination = (method === "SMS_CODE" ? user?.phoneNumber : user?.email) ?? "";
    const bindingHash = await (method === "SMS_CODE" ? newSmsVerifier(destination) : newLinkVerifier());
    const locale = input.locale ?? globalThis.navigator?.language;
    const body = { method, bindingHash, ...(locale && { locale }) };
    await apiFetch("/step-up/codes", { auth: true, body }).catch((error: unknown) => {
      if (error instanceof LatchkeyClientError && error.code === "RATE_LIMITED" && error.retryAfter) {
        noteResendWait(destination, error.retryAfter);
      }
      throw error;
    });
  });
}
