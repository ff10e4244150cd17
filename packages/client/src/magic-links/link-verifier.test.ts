import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configure } from "../session/default-session.ts";
import { memoryStorage } from "../session/memory-storage.ts";
import { findLinkVerifier, forgetLinkVerifier, latestLinkVerifier, newLinkVerifier } from "./link-verifier.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

beforeEach(() => {
  configure({
    cognito: { userPoolId: "eu-west-1_Pool", clientId: "client" },
    apiUrl: "http://127.0.0.1:9",
    storage: memoryStorage(),
  });
});
afterEach(() => vi.useRealTimers());

describe("link verifiers", () => {
  it("keep each request's verifier, whose hash goes with the request and comes back in its link", async () => {
    const first = await newLinkVerifier();
    const firstVerifier = latestLinkVerifier() as string;
    const second = await newLinkVerifier();
    expect(second).not.toBe(first);
    expect(first).toBe(sha256(firstVerifier));
    expect(await findLinkVerifier(first)).toBe(firstVerifier);
    expect(await findLinkVerifier(second)).toBe(latestLinkVerifier());
    expect(await findLinkVerifier(sha256("someone else's"))).toBeUndefined();
  });

  it("forget a used one, keep the newest five, and none older than a day", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_000, toFake: ["Date"] });
    const stale = await newLinkVerifier();
    vi.setSystemTime(1_800_000_000_000 + 86_400_000);
    const hashes = [];
    for (let i = 0; i < 6; i++) hashes.push(await newLinkVerifier());
    expect(await findLinkVerifier(stale)).toBeUndefined();
    expect(await findLinkVerifier(hashes[0] as string)).toBeUndefined();
    const newest = await findLinkVerifier(hashes[5] as string);
    expect(newest).toBe(latestLinkVerifier());
    forgetLinkVerifier(newest as string);
    expect(await findLinkVerifier(hashes[5] as string)).toBeUndefined();
    expect(await findLinkVerifier(hashes[4] as string)).toBe(latestLinkVerifier());
  });
});
