import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ed25519Signer } from "../signing/ed25519-signer.ts";
import { type MagicLinkPayload, magicLinkAudience } from "./magic-link-token.ts";
import { signMagicLinkToken } from "./sign-magic-link-token.ts";
import { verifyMagicLinkToken } from "./verify-magic-link-token.ts";

const pem = () => generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
const signer = ed25519Signer(pem());
const audience = magicLinkAudience("us-east-1_Pool", "client1");
const now = 1_800_000_000;
const payload: MagicLinkPayload = {
  username: "7d3c1a52-0000-4000-8000-000000000001",
  audience,
  iat: now,
  exp: now + 600,
  id: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  slot: 3,
  address: "g2M3pbZkHJ6nJ9Wc4yL1n1Kq9Hnq0cS0kqkq2X7YV9Q",
  account: "a•••e@example.com",
};
const expected = { audience, username: payload.username, nowSeconds: now + 10 };

function reencode(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [encoded, signature] = token.split(".") as [string, string];
  const decoded = JSON.parse(Buffer.from(encoded, "base64url").toString());
  change(decoded);
  return `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${signature}`;
}

describe("magic-link tokens", () => {
  it("round-trips a signed payload", async () => {
    const token = await signMagicLinkToken(signer, payload);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(await verifyMagicLinkToken(signer, token, expected)).toEqual({ ok: true, payload });
  });

  it.each([
    ["a tampered payload", async (t: string) => reencode(t, (p) => (p.exp = now + 99_999)), "bad signature"],
    [
      "another user's name swapped in",
      async (t: string) => reencode(t, (p) => (p.username = "other")),
      "bad signature",
    ],
    ["a signature by another key", async () => signMagicLinkToken(ed25519Signer(pem()), payload), "bad signature"],
    ["a truncated signature", async (t: string) => t.slice(0, -8), "bad signature"],
    ["garbage", async () => "not-a-token", "malformed token"],
    ["a non-JSON payload", async () => `${Buffer.from("x").toString("base64url")}.AAAA`, "malformed payload"],
    ["an oversized token", async (t: string) => `${t}${"A".repeat(2000)}`, "token too long"],
  ])("rejects %s", async (_name, make, reason) => {
    const token = await make(await signMagicLinkToken(signer, payload));
    expect(await verifyMagicLinkToken(signer, token, expected)).toEqual({ ok: false, reason });
  });

  it.each([
    ["for another client", { audience: magicLinkAudience("us-east-1_Pool", "client2") }, "wrong audience"],
    ["for another pool", { audience: magicLinkAudience("us-east-1_Other", "client1") }, "wrong audience"],
    ["for another user", { username: "someone-else" }, "wrong user"],
    ["after expiry", { nowSeconds: now + 600 }, "expired"],
    ["issued in the future", { nowSeconds: now - 3600 }, "issued in the future"],
  ])("rejects a valid token checked %s", async (_name, change, reason) => {
    const token = await signMagicLinkToken(signer, payload);
    expect(await verifyMagicLinkToken(signer, token, { ...expected, ...change })).toEqual({ ok: false, reason });
  });

  it("rejects a properly signed token that claims a lifetime over a day", async () => {
    const token = await signMagicLinkToken(signer, { ...payload, exp: now + 90_000 });
    expect(await verifyMagicLinkToken(signer, token, expected)).toEqual({ ok: false, reason: "lifetime too long" });
  });

  it("rejects a properly signed token with a short id", async () => {
    const token = await signMagicLinkToken(signer, { ...payload, id: "short" });
    expect(await verifyMagicLinkToken(signer, token, expected)).toEqual({ ok: false, reason: "id too short" });
  });
});
