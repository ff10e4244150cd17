import { randomUUID } from "node:crypto";
import { ed25519Signer } from "@latchkey/core/signing";
import { newSigningKeyPem, OTHER_TEST_CLIENT, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueLink, magicLinkConfig, newVerifier, testDeps } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEmailCodeAnswer } from "./verify-email-code-answer.ts";
import { verifyMagicLinkAnswer } from "./verify-magic-link-answer.ts";

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());

const answer = (username: string, token: string, extra: { clientId?: string; linkVerifier?: string } = {}) => ({
  username,
  answer: token,
  clientId: extra.clientId ?? TEST_CLIENT,
  clientMetadata: { signInMethod: "MAGIC_LINK", ...(extra.linkVerifier && { linkVerifier: extra.linkVerifier }) },
});

function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [encoded, signature] = token.split(".") as [string, string];
  const payload = JSON.parse(Buffer.from(encoded, "base64url").toString());
  change(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
}

describe("verifyMagicLinkAnswer", () => {
  it("accepts the outstanding link once, with one DynamoDB call, and that kills the code", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token, code } = await issueLink(deps, user);
    table.calls.reset();
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toBe(true);
    expect(table.calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toBe(false);
    expect(await verifyEmailCodeAnswer(deps, { ...answer(user, code), clientMetadata: {} })).toBe(false);
  });

  it("rejects an expired link", async () => {
    const { deps, clock } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueLink(deps, user);
    clock.ms += deps.config.magicLinks.expirySeconds * 1000;
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toBe(false);
  });

  it("rejects a tampered payload", async () => {
    const { deps, clock } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueLink(deps, user);
    clock.ms += deps.config.magicLinks.expirySeconds * 1000;
    const extended = tamper(token, (payload) => {
      payload.exp = Number(payload.exp) + 3600;
    });
    expect(await verifyMagicLinkAnswer(deps, answer(user, extended))).toBe(false);
  });

  it("rejects a link signed by another key", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueLink({ ...deps, signer: ed25519Signer(newSigningKeyPem()) }, user);
    expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toBe(false);
  });

  it("rejects user A's link redeemed as user B, also with B's name written into it", async () => {
    const { deps } = testDeps(table);
    const [alice, bob] = [randomUUID(), randomUUID()];
    const { token } = await issueLink(deps, alice);
    await issueLink(deps, bob);
    expect(await verifyMagicLinkAnswer(deps, answer(bob, token))).toBe(false);
    const renamed = tamper(token, (payload) => {
      payload.username = bob;
    });
    expect(await verifyMagicLinkAnswer(deps, answer(bob, renamed))).toBe(false);
    expect(await verifyMagicLinkAnswer(deps, answer(alice, token))).toBe(true);
  });

  it("rejects a link for another app client or another pool", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueLink(deps, user);
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { clientId: OTHER_TEST_CLIENT }))).toBe(false);
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { clientId: "not-a-client-of-ours" }))).toBe(false);
    const otherPool = await issueLink(deps, user, { payload: { audience: `us-east-1_Other:${TEST_CLIENT}` } });
    expect(await verifyMagicLinkAnswer(deps, answer(user, otherPool.token))).toBe(false);
    const otherPoolDeps = { ...deps, config: { ...deps.config, userPoolId: "us-east-1_Other" } };
    const fresh = await issueLink(deps, user);
    expect(await verifyMagicLinkAnswer(otherPoolDeps, answer(user, fresh.token))).toBe(false);
    expect(await verifyMagicLinkAnswer(deps, answer(user, fresh.token))).toBe(true);
  });

  it("rejects a link revoked by a newer one", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const first = await issueLink(deps, user);
    const second = await issueLink(deps, user);
    expect(await verifyMagicLinkAnswer(deps, answer(user, first.token))).toBe(false);
    expect(await verifyMagicLinkAnswer(deps, answer(user, second.token))).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["garbage", "not.a-token"],
    ["huge", "A".repeat(5000)],
  ])("rejects a %s answer without touching DynamoDB", async (_name, token) => {
    const { deps } = testDeps(table);
    table.calls.reset();
    expect(await verifyMagicLinkAnswer(deps, answer(randomUUID(), token))).toBe(false);
    expect(table.calls.total()).toBe(0);
  });

  it("gives exactly one success to 50 concurrent redemptions", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const { token } = await issueLink(deps, user);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => verifyMagicLinkAnswer(deps, answer(user, token))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  describe("with same-browser binding", () => {
    const bound = () => testDeps(table, magicLinkConfig({ LATCHKEY_LINK_BINDING: "same-browser" }));

    it("needs the verifier of the browser that asked", async () => {
      const { deps } = bound();
      const user = randomUUID();
      const verifier = newVerifier();
      const { token } = await issueLink(deps, user, { verifier });
      expect(await verifyMagicLinkAnswer(deps, answer(user, token))).toBe(false);
      expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: newVerifier() }))).toBe(false);
      expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: "short" }))).toBe(false);
      expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: verifier }))).toBe(true);
    });

    it("refuses a link issued without binding", async () => {
      const { deps } = bound();
      const user = randomUUID();
      const { token } = await issueLink(deps, user);
      expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: newVerifier() }))).toBe(false);
    });

    it("still takes the code on any device", async () => {
      const { deps } = bound();
      const user = randomUUID();
      const { code } = await issueLink(deps, user, { verifier: newVerifier() });
      expect(await verifyEmailCodeAnswer(deps, { ...answer(user, code), clientMetadata: {} })).toBe(true);
    });
  });

  it("keeps a bound link bound after switching to any-browser", async () => {
    const { deps } = testDeps(table);
    const user = randomUUID();
    const verifier = newVerifier();
    const { token } = await issueLink(deps, user, { verifier });
    expect(await verifyMagicLinkAnswer(deps, answer(user, token, { linkVerifier: verifier }))).toBe(false);
  });
});
