import { TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { describe, expect, it } from "vitest";
import { createAuthenticationOptions } from "./create-authentication-options.ts";
import { passkeyPolicy } from "./policy.ts";

const policy = passkeyPolicy(testConfig());
const options = (username: string, credentials: { id: string; transports: string[]; rpId: string }[] = []) =>
  createAuthenticationOptions(policy, { username, rpId: TEST_RP_ID, credentials, nowMs: Date.now() });

describe("createAuthenticationOptions", () => {
  it("is usernameless without a username: no allowCredentials", () => {
    expect(options("")).toMatchObject({
      rpId: TEST_RP_ID,
      allowCredentials: [],
      userVerification: "required",
      timeout: 300_000,
    });
  });

  it("carries the configured hints, and none unless configured", () => {
    const hinted = passkeyPolicy(testConfig({ LATCHKEY_WEBAUTHN_HINTS: "client-device,hybrid" }));
    const made = createAuthenticationOptions(hinted, {
      username: "",
      rpId: TEST_RP_ID,
      credentials: [],
      nowMs: Date.now(),
    });
    expect(made.hints).toEqual(["client-device", "hybrid"]);
    expect(options("")).not.toHaveProperty("hints");
  });

  it("lists the user's credentials for this RP ID only", () => {
    const result = options("alice", [
      { id: "AAAA", transports: ["usb"], rpId: TEST_RP_ID },
      { id: "BBBB", transports: [], rpId: "other.example" },
    ]);
    expect(result.allowCredentials).toEqual([{ type: "public-key", id: "AAAA", transports: ["usb"] }]);
  });

  it("gives a user without passkeys decoys that look alike and repeat", () => {
    const first = options("nobody@example.com").allowCredentials;
    expect(first?.[0]).toMatchObject({ type: "public-key", id: expect.stringMatching(/^[\w-]{22,86}$/) });
    expect(options("nobody@example.com").allowCredentials).toEqual(first);
    expect(options("someone-else").allowCredentials).not.toEqual(first);
  });

  it("varies decoys across usernames as real users vary: one or two passkeys, of several kinds", () => {
    const decoys = Array.from({ length: 200 }, (_, i) => options(`nobody-${i}@example.com`).allowCredentials ?? []);
    const counts = new Set(decoys.map((list) => list.length));
    expect([...counts].sort()).toEqual([1, 2]);
    expect(decoys.filter((list) => list.length === 1).length).toBeGreaterThan(100);
    const transports = new Set(decoys.flat().map((credential) => JSON.stringify(credential.transports)));
    expect(transports.size).toBeGreaterThanOrEqual(4);
    const lengths = new Set(decoys.flat().map((credential) => credential.id.length));
    expect(lengths.size).toBe(4);
  });
});
