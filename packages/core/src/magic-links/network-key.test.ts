import { describe, expect, it } from "vitest";
import { networkKey } from "./network-key.ts";

describe("networkKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(networkKey("203.0.113.7")).toBe("203.0.113.7");
  });

  it.each([
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    ["0:0:0:0:0:ffff:cb00:7107", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
  ])("reads the IPv4-mapped %s as %s", (ip, key) => {
    expect(networkKey(ip)).toBe(key);
  });

  it("keys every address of one IPv6 /64 alike, however it is written", () => {
    const keys = [
      "2001:db8:1:2::1",
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:0db8:0001:0002:0000:0000:0000:0001",
      "2001:DB8:1:2:a:b:c:d",
      "2001:db8:1:2::1%eth0",
    ].map(networkKey);
    expect(new Set(keys)).toEqual(new Set(["2001:db8:1:2::/64"]));
  });

  it("tells neighbouring /64s apart", () => {
    expect(networkKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(networkKey("::1")).toBe("0:0:0:0::/64");
  });

  it.each(["unknown", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "::ffff:300.0.0.1", "12345::", "1:2:3:4:5:6:7::8"])(
    "leaves %s, not an IP address, unchanged",
    (text) => {
      expect(networkKey(text)).toBe(text);
    },
  );
});
