import { randomBytes, randomUUID } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { newSigningKeyPem, OTHER_TEST_CLIENT, TEST_CLIENT } from "@latchkey/testkit/config";
import { issueTestLink, testEmailOf, testLinkContext } from "@latchkey/testkit/magic-links";
import { type CallCounter, startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ed25519Signer } from "../signing/ed25519-signer.ts";
import { linkItemKey } from "../table/item-keys.ts";
import { magicLinkHashes } from "./hashes.ts";
import { redeemEmailCode } from "./redeem-email-code.ts";
import { type RedeemMagicLinkContext, redeemMagicLink } from "./redeem-magic-link.ts";
import { signMagicLinkToken } from "./sign-magic-link-token.ts";
import { freshLookup } from "./store/address-lookup.ts";
import { recordAddressLookup } from "./store/record-address-lookup.ts";

let table: TestTable;
let calls: CallCounter;
beforeAll(async () => {
  table = await startTestTable();
  calls = table.calls;
});
afterAll(() => table.close());

const context = (env: Record<string, string> = {}) => testLinkContext(table, env);
const bound = () => context({ LATCHKEY_LINK_BINDING: "same-browser" });
const newVerifier = () => randomBytes(32).toString("base64url");

const redeem = (
  ctx: RedeemMagicLinkContext,
  username: string,
  token: string,
  extra: { clientId?: string; linkVerifier?: string; verifiedEmail?: string | undefined } = {},
) =>
  redeemMagicLink(ctx, {
    username,
    userNotFound: false,
    verifiedEmail: testEmailOf(username),
    token,
    clientId: TEST_CLIENT,
    linkVerifier: undefined,
    ...extra,
  });

const refused = (reason: string) => ({ ok: false, reason });
const codeOf = (ctx: RedeemMagicLinkContext, username: string, code: string) =>
  redeemEmailCode(ctx, {
    username,
    userNotFound: false,
    verifiedEmail: testEmailOf(username),
    clientId: TEST_CLIENT,
    code,
    linkVerifier: undefined,
  });

function tamper(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [encoded, signature] = token.split(".") as [string, string];
  const payload = JSON.parse(Buffer.from(encoded, "base64url").toString());
  change(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
}

describe("redeemMagicLink", () => {
  it("redeems the outstanding link once, with one DynamoDB call, and that kills the code", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token, code } = await issueTestLink(ctx, user);
    calls.reset();
    expect(await redeem(ctx, user, token)).toEqual({ ok: true });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
    expect(await redeem(ctx, user, token)).toEqual(refused("link not redeemable"));
    expect(await codeOf(ctx, user, code)).toEqual(refused("wrong code"));
  });

  describe("when the address it was mailed to is no longer the account's", () => {
    const hashOf = (ctx: RedeemMagicLinkContext, email: string) =>
      magicLinkHashes(ctx.config.passkeys.challengeSecret).address(email);
    const lookupOf = async (ctx: RedeemMagicLinkContext, email: string) => {
      const key = linkItemKey({ addressHash: hashOf(ctx, email) });
      const { Item } = await table.client.send(new GetItemCommand({ TableName: table.name, Key: key }));
      return freshLookup(Item, Math.floor(ctx.clock.now() / 1000), 86_400);
    };

    it("refuses it without consuming it, and drops the lookup that mailed it (one write)", async () => {
      const ctx = context();
      const user = randomUUID();
      const { token } = await issueTestLink(ctx, user);
      expect(await lookupOf(ctx, testEmailOf(user))).toEqual({ username: user, asStored: true });
      calls.reset();
      const moved = { verifiedEmail: "moved@example.com" };
      expect(await redeem(ctx, user, token, moved)).toEqual(refused("address no longer the account's"));
      expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
      expect(await lookupOf(ctx, testEmailOf(user))).toBeUndefined();
      // Unverified is no better than changed.
      expect(await redeem(ctx, user, token, { verifiedEmail: undefined })).toEqual(
        refused("address no longer the account's"),
      );
      // Back at that address (verified again), the link is the account's once more.
      expect(await redeem(ctx, user, token, { verifiedEmail: testEmailOf(user).toUpperCase() })).toEqual({ ok: true });
    });

    it("leaves a lookup that names the address's new holder", async () => {
      const ctx = context();
      const [alice, bob] = [randomUUID(), randomUUID()];
      const { token } = await issueTestLink(ctx, alice);
      const nowSeconds = Math.floor(ctx.clock.now() / 1000);
      const user = { username: bob, asStored: true };
      await recordAddressLookup(table, { addressHash: hashOf(ctx, testEmailOf(alice)), user, nowSeconds });
      expect(await redeem(ctx, alice, token, { verifiedEmail: "alice-now@example.com" })).toEqual(
        refused("address no longer the account's"),
      );
      expect(await lookupOf(ctx, testEmailOf(alice))).toEqual({ username: bob, asStored: true });
    });

    it("finds nothing under the account's address for a link signed for it but stored under another", async () => {
      const ctx = context();
      const user = randomUUID();
      const { token } = await issueTestLink(ctx, user);
      const [encoded] = token.split(".") as [string];
      const payload = JSON.parse(Buffer.from(encoded, "base64url").toString());
      const elsewhere = "elsewhere@example.com";
      const resigned = await signMagicLinkToken(ctx.signer, { ...payload, address: hashOf(ctx, elsewhere) });
      expect(await redeem(ctx, user, resigned, { verifiedEmail: elsewhere })).toEqual(refused("link not redeemable"));
      expect(await redeem(ctx, user, token)).toEqual({ ok: true });
    });

    it("refuses a token whose address was changed, or that names none", async () => {
      const ctx = context();
      const user = randomUUID();
      const { token } = await issueTestLink(ctx, user);
      const moved = tamper(token, (payload) => {
        payload.address = hashOf(ctx, "mallory@example.com");
      });
      expect(await redeem(ctx, user, moved, { verifiedEmail: "mallory@example.com" })).toEqual(
        refused("bad signature"),
      );
      const none = tamper(token, (payload) => {
        delete payload.address;
      });
      expect(await redeem(ctx, user, none)).toEqual(refused("malformed payload"));
    });
  });

  it("refuses an expired link", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    ctx.clock.ms += ctx.config.magicLinks.expirySeconds * 1000;
    expect(await redeem(ctx, user, token)).toEqual(refused("expired"));
  });

  it("refuses a tampered payload, however it was changed", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    ctx.clock.ms += ctx.config.magicLinks.expirySeconds * 1000;
    const extended = tamper(token, (payload) => {
      payload.exp = Number(payload.exp) + 3600;
    });
    expect(await redeem(ctx, user, extended)).toEqual(refused("bad signature"));
  });

  it("refuses a link signed by another key", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink({ ...ctx, signer: ed25519Signer(newSigningKeyPem()) }, user);
    expect(await redeem(ctx, user, token)).toEqual(refused("bad signature"));
  });

  it("refuses user A's link redeemed as user B, also with B's name written into it", async () => {
    const ctx = context();
    const [alice, bob] = [randomUUID(), randomUUID()];
    const { token } = await issueTestLink(ctx, alice);
    await issueTestLink(ctx, bob);
    expect(await redeem(ctx, bob, token)).toEqual(refused("wrong user"));
    const renamed = tamper(token, (payload) => {
      payload.username = bob;
    });
    expect(await redeem(ctx, bob, renamed)).toEqual(refused("bad signature"));
    expect(await redeem(ctx, alice, token)).toEqual({ ok: true });
  });

  it("refuses a link for another app client or another pool", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    expect(await redeem(ctx, user, token, { clientId: OTHER_TEST_CLIENT })).toEqual(refused("wrong audience"));
    const otherPool = { ...ctx, config: { ...ctx.config, userPoolId: "us-east-1_Other" } };
    ctx.clock.ms += 60_000;
    const forOtherPool = await issueTestLink(otherPool, user);
    expect(await redeem(ctx, user, forOtherPool.token)).toEqual(refused("wrong audience"));
    ctx.clock.ms += 60_000;
    const fresh = await issueTestLink(ctx, user);
    expect(await redeem(otherPool, user, fresh.token)).toEqual(refused("wrong audience"));
    expect(await redeem(ctx, user, fresh.token)).toEqual({ ok: true });
  });

  it("redeems a link issued for the second app client through that client only", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user, { clientId: OTHER_TEST_CLIENT });
    expect(await redeem(ctx, user, token)).toEqual(refused("wrong audience"));
    expect(await redeem(ctx, user, token, { clientId: OTHER_TEST_CLIENT })).toEqual({ ok: true });
  });

  it("keeps a link redeemable when a newer one is sent, each once", async () => {
    const ctx = context();
    const user = randomUUID();
    const first = await issueTestLink(ctx, user);
    ctx.clock.ms += 60_000;
    const second = await issueTestLink(ctx, user);
    expect(await redeem(ctx, user, first.token)).toEqual({ ok: true });
    expect(await redeem(ctx, user, second.token)).toEqual({ ok: true });
    expect(await redeem(ctx, user, first.token)).toEqual(refused("link not redeemable"));
  });

  it("refuses a token whose slot was changed, or that names none", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    const moved = tamper(token, (payload) => {
      payload.slot = (Number(payload.slot) + 1) % 11;
    });
    expect(await redeem(ctx, user, moved)).toEqual(refused("bad signature"));
    const none = tamper(token, (payload) => {
      delete payload.slot;
    });
    expect(await redeem(ctx, user, none)).toEqual(refused("malformed payload"));
  });

  it.each([
    ["an empty", "", "malformed token"],
    ["a garbage", "not.a-token", "malformed payload"],
    ["a huge", "A".repeat(5000), "token too long"],
  ])("refuses %s answer without touching DynamoDB", async (_name, token, reason) => {
    const ctx = context();
    calls.reset();
    expect(await redeem(ctx, randomUUID(), token)).toEqual(refused(reason));
    expect(calls.total()).toBe(0);
  });

  it("gives exactly one success to 50 concurrent redemptions", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    const results = await Promise.all(Array.from({ length: 50 }, () => redeem(ctx, user, token)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(Array(49).fill(refused("link not redeemable")));
  });

  describe("with same-browser binding", () => {
    it("needs the verifier of the browser that asked", async () => {
      const ctx = bound();
      const user = randomUUID();
      const verifier = newVerifier();
      const { token } = await issueTestLink(ctx, user, { verifier });
      calls.reset();
      expect(await redeem(ctx, user, token)).toEqual(refused("link verifier missing"));
      expect(await redeem(ctx, user, token, { linkVerifier: "short" })).toEqual(refused("link verifier malformed"));
      expect(calls.total()).toBe(0);
      expect(await redeem(ctx, user, token, { linkVerifier: newVerifier() })).toEqual(refused("link not redeemable"));
      expect(await redeem(ctx, user, token, { linkVerifier: verifier })).toEqual({ ok: true });
    });

    it("refuses a link issued without binding", async () => {
      const ctx = bound();
      const user = randomUUID();
      const { token } = await issueTestLink(ctx, user);
      expect(await redeem(ctx, user, token, { linkVerifier: newVerifier() })).toEqual(refused("link not redeemable"));
    });

    it("still takes the code on any device", async () => {
      const ctx = bound();
      const user = randomUUID();
      const { code } = await issueTestLink(ctx, user, { verifier: newVerifier() });
      expect(await codeOf(ctx, user, code)).toEqual({ ok: true });
    });
  });

  it("keeps a bound link bound after switching to any-browser", async () => {
    const ctx = context();
    const user = randomUUID();
    const verifier = newVerifier();
    const { token } = await issueTestLink(ctx, user, { verifier });
    expect(await redeem(ctx, user, token, { linkVerifier: verifier })).toEqual(refused("link not redeemable"));
  });

  it("fails closed: a broken table throws, and the link stays redeemable", async () => {
    const ctx = context();
    const user = randomUUID();
    const { token } = await issueTestLink(ctx, user);
    const broken = { ...ctx, table: { client: table.client, name: "no-such-table" } };
    await expect(redeem(broken, user, token)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    expect(await redeem(ctx, user, token)).toEqual({ ok: true });
  });
});
