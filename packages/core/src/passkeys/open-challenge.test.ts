import { testConfig } from "@latchkey/testkit/config";
import { describe, expect, it } from "vitest";
import { fromBase64Url, toBase64Url } from "./base64url.ts";
import { userDigest } from "./challenge-codec.ts";
import { issueChallenge } from "./issue-challenge.ts";
import { openChallenge } from "./open-challenge.ts";
import { passkeyPolicy } from "./policy.ts";

const policy = passkeyPolicy(testConfig());
const now = 1_800_000_000_000;
const issue = (purpose: "registration" | "authentication", username: string, rpId = "example.com") =>
  issueChallenge(policy, { purpose, username, rpId, nowMs: now });

describe("signed challenges", () => {
  it("carries at least 32 random bytes and opens to its claims", () => {
    const challenge = issue("authentication", "user-1");
    expect(fromBase64Url(challenge).length).toBeGreaterThanOrEqual(32 + 32);
    expect(issue("authentication", "user-1")).not.toBe(challenge);
    const opened = openChallenge(policy, challenge, { purpose: "authentication", username: "user-1", nowMs: now });
    expect(opened).toMatchObject({
      ok: true,
      claims: { purpose: "authentication", user: userDigest(policy.challengeKey, "user-1"), rpId: "example.com" },
    });
    expect(opened.ok && opened.claims.expiresAt).toBe(now / 1000 + 300);
    // The username is not in the challenge, which anyone who asks for options can read.
    expect(Buffer.from(fromBase64Url(challenge)).includes(Buffer.from("user-1"))).toBe(false);
  });

  it("is valid for at most 5 minutes", () => {
    const challenge = issue("authentication", "");
    const at = (ms: number) =>
      openChallenge(policy, challenge, { purpose: "authentication", username: "u", nowMs: ms });
    expect(at(now + 299_000).ok).toBe(true);
    expect(at(now + 300_000)).toEqual({ ok: false, reason: "challenge expired" });
  });

  it("caps the TTL at 5 minutes whatever the config says", () => {
    const long = passkeyPolicy(testConfig({ LATCHKEY_CHALLENGE_TTL_SECONDS: "3600" }));
    expect(long.challengeTtlSeconds).toBe(300);
  });

  it("rejects a challenge it never issued", () => {
    const other = passkeyPolicy(testConfig());
    const foreign = issueChallenge(other, { purpose: "authentication", username: "", rpId: "", nowMs: now });
    const opened = openChallenge(policy, foreign, { purpose: "authentication", username: "u", nowMs: now });
    expect(opened).toEqual({ ok: false, reason: "challenge not issued by us" });
    const random = toBase64Url(crypto.getRandomValues(new Uint8Array(120)));
    expect(openChallenge(policy, random, { purpose: "authentication", username: "u", nowMs: now })).toEqual({
      ok: false,
      reason: "challenge not issued by us",
    });
  });

  it("rejects any altered byte", () => {
    const bytes = fromBase64Url(issue("authentication", "user-1"));
    for (const index of [0, 1, 3, 10, bytes.length - 40, bytes.length - 1]) {
      const altered = new Uint8Array(bytes);
      altered[index] = (altered[index] as number) ^ 0x01;
      const opened = openChallenge(policy, toBase64Url(altered), {
        purpose: "authentication",
        username: "user-1",
        nowMs: now,
      });
      expect(opened).toEqual({ ok: false, reason: "challenge not issued by us" });
    }
  });

  it("rejects malformed input without throwing", () => {
    for (const value of [undefined, 42, "not base64!", "a".repeat(5000), "abcde"]) {
      const opened = openChallenge(policy, value, { purpose: "authentication", username: "u", nowMs: now });
      expect(opened).toEqual({ ok: false, reason: "challenge malformed" });
    }
    // Empty is well-formed base64url, and opens to nothing of ours.
    expect(openChallenge(policy, "", { purpose: "authentication", username: "u", nowMs: now })).toEqual({
      ok: false,
      reason: "challenge not issued by us",
    });
  });

  it("binds the purpose", () => {
    const challenge = issue("registration", "user-1");
    const opened = openChallenge(policy, challenge, { purpose: "authentication", username: "user-1", nowMs: now });
    expect(opened).toEqual({ ok: false, reason: "challenge issued for another purpose" });
  });

  it("binds the username: a challenge issued for X cannot be used by Y", () => {
    const challenge = issue("authentication", "user-x");
    const opened = openChallenge(policy, challenge, { purpose: "authentication", username: "user-y", nowMs: now });
    expect(opened).toEqual({ ok: false, reason: "challenge issued for another user" });
  });

  it("lets any user answer a usernameless challenge", () => {
    const challenge = issue("authentication", "");
    for (const username of ["user-x", "user-y"]) {
      expect(openChallenge(policy, challenge, { purpose: "authentication", username, nowMs: now }).ok).toBe(true);
    }
  });
});
