import { LatchkeyClientError } from "../errors.ts";
import { trackBusy } from "../session/default-session.ts";
import type { Tokens } from "../session/tokens.ts";
import { signInWithAnswer } from "../sign-in-with-answer.ts";
import { compactPhoneNumber } from "./phone-number.ts";
import { forgetSmsVerifier, smsVerifierFor } from "./sms-verifier.ts";

/**
 * Signs in with the six-digit code texted to `phoneNumber`, in the browser that asked for it (see
 * requestSmsCode): Cognito resolves the number to the account's username, and the code has three tries.
 */
export async function signInWithSmsCode(input: { phoneNumber: string; code: string }): Promise<Tokens> {
  const phoneNumber = compactPhoneNumber(input.phoneNumber);
  const code = input.code.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code)) throw new LatchkeyClientError("INVALID_CODE", "Enter the six digits from the text.");
  const smsVerifier = smsVerifierFor(phoneNumber);
  if (!smsVerifier) {
    throw new LatchkeyClientError("INVALID_CODE", "This browser asked for no code for this number: ask for a new one.");
  }
  const tokens = await trackBusy("sms-code-sign-in", () =>
    signInWithAnswer({
      username: phoneNumber,
      signInMethod: "SMS_CODE",
      answer: code,
      clientMetadata: { smsVerifier },
    }),
  );
  forgetSmsVerifier(phoneNumber);
  return tokens;
}
