import { describe, expect, it } from "vitest";
import { maskAddresses } from "./mask-addresses.ts";

describe("maskAddresses", () => {
  it("masks every email address and E.164 number in running text", () => {
    expect(maskAddresses("Email address is not verified: jane.doe@example.com, +447700900123")).toBe(
      "Email address is not verified: j•••e@example.com, +44•••23",
    );
  });

  it("leaves an address masked already as it is, however often it is masked", () => {
    const once = maskAddresses("to p•••1@example.com and pat-1@example.com");
    expect(once).toBe("to p•••1@example.com and p•••1@example.com");
    expect(maskAddresses(once)).toBe(once);
  });
});
