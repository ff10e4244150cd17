import { normalizeEmail } from "../normalize-email.ts";
import { parseEmailAddress } from "./parse-email-address.ts";

/**
 * What an address's keyed hash is made of, wherever it comes from (typed at sign-in, stored by the
 * pool): its key as a link request takes it (parseEmailAddress: lower case, the domain in punycode),
 * so an address finds the same item whatever its case or the form of an international domain. An
 * address we would not mail is taken trimmed and in lower case.
 */
export function addressKey(email: string): string {
  const normalized = normalizeEmail(email);
  try {
    return parseEmailAddress(normalized).key;
  } catch {
    return normalized;
  }
}
