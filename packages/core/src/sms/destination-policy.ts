import type { PhoneNumber } from "./parse-phone-number.ts";

/** Where texts may go: E.164 prefixes, a blocked one overriding an allowed one. */
export interface SmsDestinationPolicy {
  allowedPrefixes: string[];
  blockedPrefixes: string[];
}

/**
 * The default allowlist: the North American Numbering Plan (+1), the UK, Germany, France and
 * Australia. Large markets where a text costs cents and toll fraud (SMS pumping) is rare; a deployment
 * adds its own users' countries, each one a decision about what an attacker may make it pay for.
 */
export const DEFAULT_ALLOWED_PREFIXES = ["+1", "+44", "+49", "+33", "+61"];

/**
 * Inside the allowed codes, what costs far more or is a known pumping target: the Caribbean and
 * Atlantic members of +1 (priced as international, and favourites of artificially inflated traffic)
 * and its premium 900 range, UK personal (070) and premium (09) numbers, German premium (0900, 0137),
 * French special-rate (08) and Australian premium (190) numbers.
 */
export const DEFAULT_BLOCKED_PREFIXES = [
  ...["242", "246", "264", "268", "284", "345", "441", "473", "649", "658", "664", "721", "758"].map((a) => `+1${a}`),
  ...["767", "784", "809", "829", "849", "868", "869", "876"].map((a) => `+1${a}`),
  "+1900",
  "+4470",
  "+449",
  "+49900",
  "+49137",
  "+338",
  "+61190",
];

export function isDestinationAllowed(number: PhoneNumber, policy: SmsDestinationPolicy): boolean {
  const matches = (prefix: string) => number.startsWith(prefix);
  return policy.allowedPrefixes.some(matches) && !policy.blockedPrefixes.some(matches);
}

/**
 * The block of 10,000 numbers a number belongs to, for the per-range budget: pumping rents or cycles
 * through consecutive numbers of one range, which a per-number budget alone never notices.
 */
export function numberRange(number: PhoneNumber): string {
  return number.slice(0, -4);
}
