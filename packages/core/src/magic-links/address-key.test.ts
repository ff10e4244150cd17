import { describe, expect, it } from "vitest";
import { addressKey } from "./address-key.ts";
import { parseEmailAddress } from "./parse-email-address.ts";

describe("addressKey", () => {
  it("is the key a link request takes, whatever the case or the form of an international domain", () => {
    const requested = parseEmailAddress("Ann@xn--bcher-kva.example").key;
    for (const stored of ["ann@xn--bcher-kva.example", " ANN@XN--BCHER-KVA.EXAMPLE ", "Ann@bücher.example"]) {
      expect(addressKey(stored)).toBe(requested);
    }
  });

  it("takes an address we would not mail trimmed and in lower case", () => {
    expect(addressKey(' "Odd Name"@Example.com ')).toBe('"odd name"@example.com');
    expect(addressKey("not an address")).toBe("not an address");
  });
});
