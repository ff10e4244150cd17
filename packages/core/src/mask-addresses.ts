import { maskEmail } from "./magic-links/mask-email.ts";

/**
 * An email address in running text (a dependency's error message names one: SES's for an unverified
 * recipient), from the start of its local part; one masked already (its local part holds "•") is not one.
 */
const EMAIL = /(?<![\w.!#$%&'*+/=?^`{|}~•-])[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** A phone number in E.164, as the pool and End User Messaging SMS write them. */
const PHONE_NUMBER = /\+[1-9]\d{6,14}/g;

/**
 * A phone number as a log may keep it: its first two digits (the country, mostly) and its last two,
 * around a fixed run of dots. "+447700900123" -> "+44•••23".
 */
export const maskPhoneNumber = (number: string) => `${number.slice(0, 3)}•••${number.slice(-2)}`;

/** `text` with every email address and phone number in it masked, as a log line may keep them. */
export function maskAddresses(text: string): string {
  return text.replace(EMAIL, maskEmail).replace(PHONE_NUMBER, maskPhoneNumber);
}
