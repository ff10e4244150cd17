import { describe, expect, it } from "vitest";
import {
  DEFAULT_ALLOWED_PREFIXES,
  DEFAULT_BLOCKED_PREFIXES,
  isDestinationAllowed,
  numberRange,
} from "./destination-policy.ts";
import { parsePhoneNumber } from "./parse-phone-number.ts";

const policy = { allowedPrefixes: DEFAULT_ALLOWED_PREFIXES, blockedPrefixes: DEFAULT_BLOCKED_PREFIXES };
const allowed = (number: string) => isDestinationAllowed(parsePhoneNumber(number), policy);

describe("the default SMS destinations", () => {
  it.each(["+14155550100", "+16135550100", "+447700900123", "+4915112345678", "+33612345678", "+61412345678"])(
    "allow %s",
    (number) => expect(allowed(number)).toBe(true),
  );

  it.each([
    ["+18765550100", "Jamaica, inside +1"],
    ["+12425550100", "the Bahamas, inside +1"],
    ["+19005550100", "a North American premium number"],
    ["+61190012345", "an Australian premium number"],
    ["+447012345678", "a UK personal number"],
    ["+449012345678", "a UK premium number"],
    ["+4990012345678", "a German premium number"],
    ["+33812345678", "a French premium number"],
    ["+8821612345678", "a satellite network"],
    ["+2341234567890", "a country not on the list"],
  ])("refuse %s (%s)", (number) => expect(allowed(number)).toBe(false));

  it("puts consecutive numbers in one range of 10,000", () => {
    expect(numberRange(parsePhoneNumber("+447700900123"))).toBe("+44770090");
    expect(numberRange(parsePhoneNumber("+447700909999"))).toBe("+44770090");
    expect(numberRange(parsePhoneNumber("+447700910000"))).toBe("+44770091");
  });
});
