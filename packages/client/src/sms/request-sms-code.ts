import type { SmsCodeRequest } from "@latchkey/protocol";
import { apiFetch } from "../api-fetch.ts";
import { defaultSession, trackBusy } from "../session/default-session.ts";
import { compactPhoneNumber } from "./phone-number.ts";
import { newSmsVerifier } from "./sms-verifier.ts";

/**
 * Asks the api to text a six-digit sign-in code to `phoneNumber` (E.164, like +447700900123; spaces and
 * dashes are fine). Resolves the same way whether or not the number has an account (the api never
 * tells); rejects with INVALID_PHONE_NUMBER, SMS_DESTINATION_NOT_ALLOWED (a country or range the
 * deployment does not text), RATE_LIMITED (with retryAfter) and the like. The code works only in this
 * browser, which keeps the verifier it goes with.
 */
export async function requestSmsCode(input: { phoneNumber: string }): Promise<void> {
  const phoneNumber = compactPhoneNumber(input.phoneNumber);
  await trackBusy("sms-code-request", async () => {
    await apiFetch("/sms-codes", {
      body: {
        phoneNumber,
        bindingHash: await newSmsVerifier(phoneNumber),
        // The code is bound to this app client: Cognito will see the redemption come from it.
        clientId: defaultSession().config.clientId,
      } satisfies SmsCodeRequest,
    });
  });
}
