import { LatchkeyError } from "../errors.ts";

/** A phone number as E.164 writes it: `+`, a country code that does not start with 0, 7 to 15 digits in all. */
export type PhoneNumber = string & { readonly __brand: "PhoneNumber" };

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Strict: exactly E.164, as Cognito stores phone_number. No spaces, dashes, brackets or trunk
 * prefixes are tidied away, so what is texted is what was typed and what the account holds.
 */
export function parsePhoneNumber(input: string): PhoneNumber {
  if (!E164.test(input)) {
    throw new LatchkeyError("INVALID_PHONE_NUMBER", "phoneNumber must be in E.164 format, like +447700900123.");
  }
  return input as PhoneNumber;
}
