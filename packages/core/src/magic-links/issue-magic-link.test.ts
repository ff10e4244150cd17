import { randomBytes, randomUUID } from "node:crypto";
import { CognitoIdentityProviderServiceException } from "@aws-sdk/client-cognito-identity-provider";
import { SESv2ServiceException } from "@aws-sdk/client-sesv2";
import { TEST_CLIENT } from "@latchkey/testkit/config";
import { testLinkContext } from "@latchkey/testkit/magic-links";
import { type CallCounter, startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryUser, EmailMessage } from "../ports.ts";
import type { MagicLinkEmailInput } from "./email/magic-link-email.ts";
import { sha256 } from "./hashes.ts";
import { type IssueMagicLinkContext, issueMagicLink, type MagicLinkRequest } from "./issue-magic-link.ts";
import { parseEmailAddress } from "./parse-email-address.ts";
import { redeemMagicLink } from "./redeem-magic-link.ts";

let table: TestTable;
let calls: CallCounter;
beforeAll(async () => {
  table = await startTestTable();
  calls = table.calls;
});
afterAll(() => table.close());

/** A directory of the users a test adds, a mailer that keeps what it sends, and the emails' inputs. */
function setup(env: Record<string, string> = {}) {
  const users = new Map<string, DirectoryUser>();
  /** The pool's calls: every findByEmail and createUser, by the address asked about. */
  const asked: string[] = [];
  const sent: EmailMessage[] = [];
  const emails: MagicLinkEmailInput[] = [];
  const ctx = testLinkContext(table, env);
  const context: IssueMagicLinkContext & { clock: typeof ctx.clock } = {
    ...ctx,
    directory: {
      findByEmail: async (email) => {
        asked.push(email);
        return users.get(email);
      },
      createUser: async (email) => {
        asked.push(email);
        const user = { username: randomUUID(), email };
        users.set(email, user);
        return user;
      },
    },
    mailer: { send: async (message) => void sent.push(message) },
    magicLinkEmail: (input) => {
      emails.push(input);
      return { subject: "Sign in", text: input.link, html: "" };
    },
  };
  const addUser = () => {
    const user = { username: randomUUID(), email: `${randomUUID()}@example.com` };
    users.set(user.email, user);
    return user;
  };
  const request = (email: string, change: Partial<MagicLinkRequest> = {}): MagicLinkRequest => ({
    email: parseEmailAddress(email),
    redirectUri: new URL("https://app.example.com/signed-in?next=%2F"),
    bindingHash: undefined,
    clientId: TEST_CLIENT,
    locale: undefined,
    ip: `198.51.100.${Math.floor(Math.random() * 250)}`,
    ...change,
  });
  return { context, users, asked, sent, emails, addUser, request };
}

const redeem = (context: IssueMagicLinkContext, user: DirectoryUser, token: string, linkVerifier?: string) =>
  redeemMagicLink(context, {
    username: user.username,
    userNotFound: false,
    verifiedEmail: user.email,
    token,
    clientId: TEST_CLIENT,
    linkVerifier,
  });

describe("issueMagicLink", () => {
  it("mails a known user a link (token in the fragment) and a code, with 2 DynamoDB calls and no pool call", async () => {
    const { context, sent, asked, emails, addUser, request } = setup();
    const user = addUser();
    await issueMagicLink(context, request(user.email));
    context.clock.ms += 60_000;
    calls.reset();
    asked.length = 0;
    expect(await issueMagicLink(context, request(user.email))).toEqual({ ok: true });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 2 });
    expect(asked).toEqual([]);
    expect(sent.map((message) => message.to)).toEqual([user.email, user.email]);
    emails.shift();
    const [email] = emails as [MagicLinkEmailInput];
    expect(email).toMatchObject({ locale: "en", expiresInMinutes: 10 });
    expect(email.code).toMatch(/^\d{6}$/);
    const link = new URL(email.link);
    expect(`${link.origin}${link.pathname}${link.search}`).toBe("https://app.example.com/signed-in?next=%2F");
    expect(await redeem(context, user, link.hash.slice(1))).toEqual({ ok: true });
  });

  it("signs into the link its slot, the account's email masked and the asking browser's hash", async () => {
    const { context, emails, addUser, request } = setup();
    const user = { ...addUser(), email: "alice@example.com" };
    context.directory = { ...context.directory, findByEmail: async () => user };
    const bindingHash = sha256(randomBytes(32).toString("base64url"));
    await issueMagicLink(context, request("ALICE@example.com", { bindingHash }));
    const token = new URL(emails[0]?.link ?? "").hash.slice(1);
    const payload = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString());
    expect(payload).toMatchObject({ username: user.username, account: "a•••e@example.com", browser: bindingHash });
    expect(payload.slot).toEqual(expect.any(Number));
  });

  it("leaves the links sent before a new one redeemable", async () => {
    const { context, emails, addUser, request } = setup();
    const user = addUser();
    for (let i = 0; i < 3; i++) {
      expect(await issueMagicLink(context, request(user.email))).toEqual({ ok: true });
      context.clock.ms += 60_000;
    }
    const tokens = emails.map((email) => new URL(email.link).hash.slice(1));
    for (const token of tokens) expect(await redeem(context, user, token)).toEqual({ ok: true });
  });

  it("counts an address's requests per client network, so that one network cannot use up its emails", async () => {
    const { context, sent, addUser, request } = setup();
    const user = addUser();
    const from = (ip: string) => request(user.email, { ip });
    const results = [];
    for (const ip of ["198.51.100.7", "::ffff:198.51.100.7", "198.51.100.7", "198.51.100.7", "203.0.113.1"]) {
      results.push((await issueMagicLink(context, from(ip))).ok);
      context.clock.ms += 60_000;
    }
    expect(results).toEqual([true, true, true, false, true]);
    expect(sent).toHaveLength(4);
  });

  it("asks the pool for an address it has no lookup of, once, and records the answer", async () => {
    const { context, asked, sent, addUser, request } = setup();
    const user = addUser();
    calls.reset();
    expect(await issueMagicLink(context, request(user.email))).toEqual({ ok: true });
    // The count, the link's write (which finds no lookup), the lookup, and where the user's links are kept.
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 3, PutItemCommand: 1 });
    expect(asked).toEqual([user.email]);
    context.clock.ms += 60_000;
    expect(await issueMagicLink(context, request(user.email.toUpperCase()))).toEqual({ ok: true });
    expect(asked).toEqual([user.email]);
    // Mailed where the pool holds the address, never at a variant someone typed.
    expect(sent.map((message) => message.to)).toEqual([user.email, user.email]);
  });

  it("asks the pool again once the lookup is older than its bound", async () => {
    const { context, asked, addUser, request } = setup({ LATCHKEY_ADDRESS_LOOKUP_MAX_AGE_SECONDS: "3600" });
    const user = addUser();
    await issueMagicLink(context, request(user.email));
    context.clock.ms += 3_599_000;
    await issueMagicLink(context, request(user.email));
    expect(asked).toEqual([user.email]);
    context.clock.ms += 60_000;
    await issueMagicLink(context, request(user.email));
    expect(asked).toEqual([user.email, user.email]);
  });

  it("mails an account the pool holds in other case at its own address, asking the pool each time", async () => {
    const { context, asked, sent, request } = setup();
    const user = { username: randomUUID(), email: "Mixed.Case@example.com" };
    context.directory = {
      ...context.directory,
      findByEmail: async (email) => {
        asked.push(email);
        return user;
      },
    };
    for (const typed of ["mixed.case@example.com", "MIXED.CASE@example.com"]) {
      expect(await issueMagicLink(context, request(typed))).toEqual({ ok: true });
      context.clock.ms += 60_000;
    }
    expect(asked).toEqual(["mixed.case@example.com", "MIXED.CASE@example.com"]);
    expect(sent.map((message) => message.to)).toEqual([user.email, user.email]);
  });

  it("answers an unknown address like a known one, mails nothing, and keeps nothing redeemable", async () => {
    const { context, sent, asked, request, users } = setup();
    calls.reset();
    expect(await issueMagicLink(context, request("nobody@example.com"))).toEqual({ ok: true });
    // The count, the link's write (which finds no lookup), and emptying its slot again.
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 3 });
    expect(asked).toEqual(["nobody@example.com"]);
    expect(sent).toEqual([]);
    expect(users.size).toBe(0);
  });

  it("signs up an unknown address when sign-up is allowed", async () => {
    const { context, sent, users, request } = setup({ LATCHKEY_ALLOW_SIGN_UP: "true" });
    expect(await issueMagicLink(context, request("newcomer@example.com"))).toEqual({ ok: true });
    expect(users.get("newcomer@example.com")).toEqual({ username: expect.any(String), email: "newcomer@example.com" });
    expect(sent.map((message) => message.to)).toEqual(["newcomer@example.com"]);
  });

  it("refuses an IP over its hourly cap, and says how long to wait", async () => {
    const { context, addUser, request } = setup({ LATCHKEY_LINK_MAX_PER_IP_HOURLY: "2" });
    const ip = "203.0.113.9";
    for (let i = 0; i < 2; i++)
      expect(await issueMagicLink(context, request(addUser().email, { ip }))).toEqual({ ok: true });
    calls.reset();
    const refused = await issueMagicLink(context, request(addUser().email, { ip }));
    expect(refused).toEqual({ ok: false, reason: "IP rate limited", retryAfter: 3600 });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 1 });
  });

  it("refuses a second email within the minute, to a known and an unknown address alike", async () => {
    const { context, sent, addUser, request } = setup();
    for (const email of [addUser().email, "nobody-else@example.com"]) {
      await issueMagicLink(context, request(email));
      context.clock.ms += 20_000;
      expect(await issueMagicLink(context, request(email))).toEqual({
        ok: false,
        reason: "address rate limited",
        retryAfter: 40,
      });
    }
    expect(sent).toHaveLength(1);
  });

  it("revokes a link whose email failed, fails as unavailable, and lets the user ask again", async () => {
    const { context, emails, addUser, request } = setup();
    const user = addUser();
    const down = new SESv2ServiceException({
      name: "InternalFailure",
      $fault: "server",
      $metadata: {},
      message: "down",
    });
    const failing = { ...context, mailer: { send: () => Promise.reject(down) } };
    await expect(issueMagicLink(failing, request(user.email))).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    const unsent = new URL(emails[0]?.link ?? "").hash.slice(1);
    expect(await redeem(context, user, unsent)).toEqual({ ok: false, reason: "link not redeemable" });
    expect(await issueMagicLink(context, request(user.email))).toEqual({ ok: true });
  });

  it("fails as unavailable when the directory fails, and empties the slot of the link it stored", async () => {
    const { context, request } = setup();
    const down = new CognitoIdentityProviderServiceException({
      name: "InternalErrorException",
      $fault: "server",
      $metadata: {},
      message: "down",
    });
    const broken = { ...context.directory, findByEmail: () => Promise.reject(down) };
    calls.reset();
    await expect(issueMagicLink({ ...context, directory: broken }, request("x@example.com"))).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
    });
    expect(calls.byCommand).toEqual({ UpdateItemCommand: 3 });
    // The slot and its send time are gone: nothing stays to guess, and the user may ask again at once.
    expect(await issueMagicLink(context, request("x@example.com"))).toEqual({ ok: true });
  });

  it.each([
    ["binds the link to the asking browser with same-browser binding", "same-browser", "link verifier missing"],
    ["ignores a binding hash with any-browser binding", "any-browser", undefined],
  ])("%s", async (_name, binding, withoutVerifier) => {
    const verifier = randomBytes(32).toString("base64url");
    const { context, emails, addUser, request } = setup({ LATCHKEY_LINK_BINDING: binding });
    const user = addUser();
    await issueMagicLink(context, request(user.email, { bindingHash: sha256(verifier) }));
    const token = new URL(emails[0]?.link ?? "").hash.slice(1);
    const expected = withoutVerifier ? { ok: false, reason: withoutVerifier } : { ok: true };
    expect(await redeem(context, user, token)).toEqual(expected);
  });

  it("a bound link redeems with the asking browser's verifier", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const { context, emails, addUser, request } = setup({ LATCHKEY_LINK_BINDING: "same-browser" });
    const user = addUser();
    await issueMagicLink(context, request(user.email, { bindingHash: sha256(verifier) }));
    const token = new URL(emails[0]?.link ?? "").hash.slice(1);
    expect(await redeem(context, user, token, verifier)).toEqual({ ok: true });
  });
});
