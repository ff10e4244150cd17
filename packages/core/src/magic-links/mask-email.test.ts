import { describe, expect, it } from "vitest";
import { maskEmail } from "./mask-email.ts";

describe("maskEmail", () => {
  it.each([
    ["alice@example.com", "a•••e@example.com"],
    ["alice.longer.name@example.com", "a•••e@example.com"],
    ["al@example.com", "a•••@example.com"],
    ["a@example.com", "a•••@example.com"],
    ["alice@xn--bcher-kva.example", "a•••e@xn--bcher-kva.example"],
  ])("shows %s as %s", (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });

  it("shows nothing of what is not an address", () => {
    expect(maskEmail("not-an-address")).toBe("•••");
  });
});
