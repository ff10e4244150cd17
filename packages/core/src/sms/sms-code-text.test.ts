import { describe, expect, it } from "vitest";
import { smsCodeText } from "./sms-code-text.ts";

describe("smsCodeText", () => {
  it("ends with an origin-bound code line, which browsers autofill on that host only", () => {
    const text = smsCodeText({ appName: "Acme", code: "012345", host: "app.example.com", expiresInMinutes: 5 });
    expect(text.startsWith("012345 is your Acme sign-in code.")).toBe(true);
    expect(text.split("\n").at(-1)).toBe("@app.example.com #012345");
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it("has no such line when no page is known", () => {
    const text = smsCodeText({ appName: "Acme", code: "012345", host: undefined, expiresInMinutes: 5 });
    expect(text).not.toContain("@");
  });
});
