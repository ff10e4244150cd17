import { describe, expect, it } from "vitest";
import { parsePhoneNumber } from "./parse-phone-number.ts";

describe("parsePhoneNumber", () => {
  it.each(["+447700900123", "+14155550100", "+4930123456", "+123456789012345"])("takes %s", (number) => {
    expect(parsePhoneNumber(number)).toBe(number);
  });

  it.each([
    "447700900123",
    "+44 7700 900123",
    "+44-7700-900123",
    "+(44)7700900123",
    "+0447700900123",
    "+1234567890123456",
    "+123456",
    "07700900123",
    "+44770090012３",
    "+447700900123\n",
    "",
  ])("refuses %j with INVALID_PHONE_NUMBER", (number) => {
    expect(() => parsePhoneNumber(number)).toThrow(expect.objectContaining({ code: "INVALID_PHONE_NUMBER" }));
  });
});
