/**
 * POST /magic-links through app.request(), against the real local components: the Cognito emulator
 * (user lookup, sign-up), dynalite and the SES emulator. The app is built here, as lambda.ts builds it
 * (a request's address comes from its API Gateway event), with counted AWS clients and a clock the
 * tests move.
 */

import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type AttributeValue, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { type LatchkeyConfig, linkItemKey } from "@latchkey/core";
import { cognitoDirectory, sesMailer } from "@latchkey/core/aws";
import { magicLinkHashes } from "@latchkey/core/magic-links";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { countCalls } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { linkPayload, nowSeconds, readMail, waitForSignInMail } from "./support/sign-in-by-email.ts";

let stack: LocalStack;
const clientsToClose: { destroy(): void }[] = [];
beforeAll(async () => {
  stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
});
afterAll(async () => {
  for (const client of clientsToClose) client.destroy();
  await stack?.close();
});

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let emailCount = 0;
const newEmail = (name = "user") => `${name}-${++emailCount}@example.com`;

function setup(
  options: {
    magicLinks?: Partial<LatchkeyConfig["magicLinks"]>;
    clientIds?: string[];
    sesEndpoint?: string;
    cognitoEndpoint?: string;
  } = {},
) {
  const config: LatchkeyConfig = {
    ...stack.config,
    clientIds: options.clientIds ?? stack.config.clientIds,
    magicLinks: { ...stack.config.magicLinks, ...options.magicLinks },
  };
  const dynamodb = new DynamoDBClient({ region: stack.region, endpoint: stack.urls.dynamodb, credentials });
  const ses = new SESv2Client({
    region: stack.region,
    endpoint: options.sesEndpoint ?? stack.urls.ses,
    credentials,
    maxAttempts: 1,
  });
  const cognito = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: options.cognitoEndpoint ?? stack.urls.cognito,
    credentials,
    maxAttempts: 1,
  });
  clientsToClose.push(dynamodb, ses, cognito);
  // Hourly caps count per clock hour: start early in one so that no test straddles two.
  let now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 60_000;
  const deps = {
    ...createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }),
    table: { client: dynamodb, name: config.tableName },
    mailer: sesMailer(ses, config.magicLinks.senderAddress),
    directory: cognitoDirectory(cognito, config.userPoolId),
    clock: { now: () => now },
  };
  const app = createApp(deps);
  const post = (body: unknown, init: { headers?: Record<string, string>; env?: unknown } = {}) =>
    app.request(
      "/magic-links",
      { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: JSON.stringify(body) },
      init.env,
    );
  return {
    post,
    redirectUri: `${stack.urls.app}/blank.html`,
    dynamoCalls: countCalls(dynamodb),
    sesCalls: countCalls(ses),
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    /** The link item of an address, where its links and codes are kept. */
    record: async (email: string) => {
      const addressHash = magicLinkHashes(config.passkeys.challengeSecret).address(email.toLowerCase());
      const key = linkItemKey({ addressHash });
      return (await dynamodb.send(new GetItemCommand({ TableName: config.tableName, Key: key, ConsistentRead: true })))
        .Item;
    },
  };
}

/** The links a record holds: each slot's asking browser, and whether the link opens only there. */
function slotsOf(record: Record<string, AttributeValue> | undefined) {
  return Object.keys(record ?? {})
    .filter((name) => /^slot\d+Link$/.test(name))
    .map((name) => name.replace(/Link$/, ""))
    .map((slot) => ({ requester: record?.[`${slot}Requester`]?.S, bound: record?.[`${slot}Bound`]?.BOOL === true }));
}

/** A 5xx is logged for operators, as one JSON line; keep it out of the test output but check it. */
async function withErrorLog<T>(work: () => Promise<T>): Promise<[T, Record<string, unknown>[]]> {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const result = await work();
    return [result, spy.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>)];
  } finally {
    spy.mockRestore();
  }
}

describe.concurrent("POST /magic-links", () => {
  it("mails a known user a link (token in the fragment) and a code, with 1 SES call", async () => {
    const t = setup();
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const since = nowSeconds();
    const response = await t.post({ email, redirectUri: `${t.redirectUri}?next=%2Fhome` });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted" });
    // The first request for the address asks the pool and records the answer (address-lookup.test.ts
    // counts the requests after it: two DynamoDB calls).
    expect(t.dynamoCalls.byCommand).toEqual({ UpdateItemCommand: 3, PutItemCommand: 1 });
    expect(t.sesCalls.byCommand).toEqual({ SendEmailCommand: 1 });

    const { mail, link, token, code } = await waitForSignInMail(stack, email, since);
    expect(link.startsWith(`${t.redirectUri}?next=%2Fhome#`)).toBe(true);
    expect(code).toMatch(/^\d{6}$/);
    expect(mail.subject).toBe(`Sign in to ${stack.config.passkeys.relyingPartyName}`);
    expect(mail.body.html).toContain(`href="${link.replaceAll("&", "&amp;")}"`);
    expect(mail.body.html).toContain(code);
    const payload = linkPayload(token);
    expect(payload).toMatchObject({ username, audience: `${stack.userPoolId}:${stack.clientId}` });
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.id.length).toBeGreaterThanOrEqual(22);

    // DynamoDB holds hashes only: neither the link id nor the code appears in the record.
    const record = JSON.stringify(await t.record(email));
    expect(record).not.toContain(payload.id);
    expect(record).not.toContain(code);
  });

  it("answers an unknown address exactly like a known one, sends nothing, and keeps nothing redeemable", async () => {
    const t = setup();
    const known = newEmail();
    await stack.createUser(known);
    const since = nowSeconds();
    const knownResponse = await t.post({ email: known, redirectUri: t.redirectUri });
    t.dynamoCalls.reset();
    const unknown = newEmail("nobody");
    const unknownResponse = await t.post({ email: unknown, redirectUri: t.redirectUri });
    expect(unknownResponse.status).toBe(knownResponse.status);
    expect(await unknownResponse.text()).toBe(await knownResponse.text());
    expect([...unknownResponse.headers.keys()]).toEqual([...knownResponse.headers.keys()]);
    // The count, the link's write, and the write that empties its slot and records "nobody".
    expect(t.dynamoCalls.byCommand).toEqual({ UpdateItemCommand: 3 });
    expect(slotsOf(await t.record(unknown))).toEqual([]);
    const mail = await readMail(stack, since);
    expect(mail.filter((m) => m.destination.to.includes(unknown))).toHaveLength(0);
  });

  it("answers an address too long to be a Cognito username like any unknown one, not with 503", async () => {
    const t = setup({ magicLinks: { allowSignUp: true } });
    // 247 characters: a valid address, but past Cognito's 128-character limit on a username (or alias).
    const long = `${"u".repeat(60)}@${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.com`;
    const response = await t.post({ email: long, redirectUri: t.redirectUri });
    expect(response.status).toBe(202);
    expect(t.dynamoCalls.byCommand).toEqual({ UpdateItemCommand: 3 });
  });

  it("signs the link for the app client that asks, one of the pool's, the first by default", async () => {
    const t = setup({ clientIds: [stack.clientId, "secondappclient"] });
    const email = newEmail();
    await stack.createUser(email);
    let since = nowSeconds();
    expect((await t.post({ email, redirectUri: t.redirectUri, clientId: "secondappclient" })).status).toBe(202);
    const second = await waitForSignInMail(stack, email, since);
    expect(linkPayload(second.token).audience).toBe(`${stack.userPoolId}:secondappclient`);

    const refused = await t.post({ email, redirectUri: t.redirectUri, clientId: "someoneelsesclient" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "BAD_REQUEST" });

    t.advance(60);
    since = nowSeconds();
    expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    const first = await waitForSignInMail(stack, email, since);
    expect(first.token).not.toBe(second.token);
    expect(linkPayload(first.token).audience).toBe(`${stack.userPoolId}:${stack.clientId}`);
  });

  it("signs up an unknown address just in time when allowed", async () => {
    const t = setup({ magicLinks: { allowSignUp: true } });
    const email = newEmail("new");
    const since = nowSeconds();
    expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    const { token } = await waitForSignInMail(stack, email, since);
    const user = await cognitoDirectory(stack.clients.cognito, stack.userPoolId).findByEmail(email);
    expect(user?.username).toMatch(/^[0-9a-f-]{36}$/);
    expect(linkPayload(token).username).toBe(user?.username);
  });

  it("writes the email in the requested language", async () => {
    const t = setup();
    const email = newEmail();
    await stack.createUser(email);
    const since = nowSeconds();
    expect((await t.post({ email, redirectUri: t.redirectUri, locale: "de-DE" })).status).toBe(202);
    const { mail, code } = await waitForSignInMail(stack, email, since);
    expect(mail.subject).toMatch(/anmelden$/);
    expect(mail.body.text).toContain(`Oder geben Sie diesen Code ein: ${code}`);
  });

  it.each([
    ["a quoted local part", '"victim@example.com"@evil.test'],
    ["a fullwidth @", "victim＠example.com"],
    ["CR/LF", "victim@example.com\r\nBcc: mallory@evil.test"],
    ["two addresses", "victim@example.com,mallory@evil.test"],
    ["a display name", "Victim <victim@example.com>"],
    ["a non-ASCII local part", "vіctim@example.com"],
  ])("refuses %s with 400 INVALID_EMAIL, before any work", async (_name, email) => {
    const t = setup();
    const response = await t.post({ email, redirectUri: t.redirectUri });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: "INVALID_EMAIL", message: expect.any(String) });
    expect(t.dynamoCalls.total()).toBe(0);
  });

  it("refuses a redirectUri outside the allowlist, whatever the Host headers say", async () => {
    const t = setup();
    const headers = { host: "evil.test", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" };
    for (const redirectUri of ["https://evil.test/", `${t.redirectUri}#x`, "/blank.html"]) {
      const response = await t.post({ email: newEmail(), redirectUri }, { headers });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe("INVALID_REDIRECT_URI");
    }
  });

  it("builds the link from redirectUri only, never from Host or X-Forwarded-Host", async () => {
    const t = setup();
    const email = newEmail();
    await stack.createUser(email);
    const since = nowSeconds();
    const headers = { "x-forwarded-host": "evil.test", forwarded: "host=evil.test" };
    expect((await t.post({ email, redirectUri: t.redirectUri }, { headers })).status).toBe(202);
    const { link, mail } = await waitForSignInMail(stack, email, since);
    expect(new URL(link).origin).toBe(stack.urls.app);
    expect(JSON.stringify(mail)).not.toContain("evil.test");
  });

  it.each([
    ["no body fields", {}],
    ["a number for email", { email: 7, redirectUri: "x" }],
    ["a malformed bindingHash", { email: "a@example.com", redirectUri: "http://localhost/", bindingHash: "short" }],
    ["a malformed locale", { email: "a@example.com", redirectUri: "http://localhost/", locale: "<script>" }],
  ])("refuses %s with 400 BAD_REQUEST", async (_name, body) => {
    const response = await setup().post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("BAD_REQUEST");
  });

  it("keeps a minute between emails to a user, for known and unknown addresses alike", async () => {
    const t = setup();
    const known = newEmail();
    await stack.createUser(known);
    const unknown = newEmail("nobody");
    for (const email of [known, unknown]) {
      expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    }
    t.advance(20);
    for (const email of [known, unknown]) {
      const limited = await t.post({ email, redirectUri: t.redirectUri });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("40");
      expect(((await limited.json()) as { code: string }).code).toBe("RATE_LIMITED");
    }
    t.advance(40);
    for (const email of [known, unknown]) {
      expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    }
  });

  it("caps emails per address per hour", async () => {
    const t = setup({ magicLinks: { maxEmailsPerAddressPerHour: 2 } });
    const email = newEmail();
    await stack.createUser(email);
    expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    t.advance(60);
    expect((await t.post({ email, redirectUri: t.redirectUri })).status).toBe(202);
    t.advance(60);
    const limited = await t.post({ email, redirectUri: t.redirectUri });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
  });

  it("caps requests per client IP, taken from API Gateway's sourceIp and never from X-Forwarded-For", async () => {
    const t = setup({ magicLinks: { maxRequestsPerIpPerHour: 2 } });
    const fromIp = (sourceIp: string) => ({ event: { requestContext: { identity: { sourceIp } } } });
    const spoof = { "x-forwarded-for": "198.51.100.1" };
    expect(
      (await t.post({ email: newEmail(), redirectUri: t.redirectUri }, { env: fromIp("203.0.113.7") })).status,
    ).toBe(202);
    expect(
      (await t.post({ email: newEmail(), redirectUri: t.redirectUri }, { env: fromIp("203.0.113.7"), headers: spoof }))
        .status,
    ).toBe(202);
    const limited = await t.post(
      { email: newEmail(), redirectUri: t.redirectUri },
      { env: fromIp("203.0.113.7"), headers: spoof },
    );
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { code: string }).code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address from the same IP is still refused; the same address from another IP is not.
    const httpApi = { event: { requestContext: { http: { sourceIp: "203.0.113.8" } } } };
    expect((await t.post({ email: newEmail(), redirectUri: t.redirectUri }, { env: httpApi })).status).toBe(202);
  });

  it("requires and stores a binding hash for same-browser links", async () => {
    const t = setup({ magicLinks: { binding: "same-browser" } });
    const email = newEmail();
    await stack.createUser(email);
    const missing = await t.post({ email, redirectUri: t.redirectUri });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe("BAD_REQUEST");
    const bindingHash = "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";
    expect((await t.post({ email, redirectUri: t.redirectUri, bindingHash })).status).toBe(202);
    expect(slotsOf(await t.record(email))).toEqual([{ requester: bindingHash, bound: true }]);
  });

  it("keeps the asking browser's hash, unbound, when links may open in any browser", async () => {
    const t = setup();
    const email = newEmail();
    await stack.createUser(email);
    const bindingHash = "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";
    expect((await t.post({ email, redirectUri: t.redirectUri, bindingHash })).status).toBe(202);
    expect(slotsOf(await t.record(email))).toEqual([{ requester: bindingHash, bound: false }]);
  });
});

// Sequential: these capture console.error.
describe("POST /magic-links when a dependency fails", () => {
  it("answers 503 when SES fails, and leaves nothing redeemable", async () => {
    const closedPort = "http://127.0.0.1:9"; // discard port: nothing listens on loopback
    const t = setup({ sesEndpoint: closedPort });
    const email = newEmail();
    await stack.createUser(email);
    const [response, log] = await withErrorLog(async () => t.post({ email, redirectUri: t.redirectUri }));
    expect(log).toContainEqual(
      expect.objectContaining({ level: "error", message: expect.stringMatching(/send the email/) }),
    );
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ code: "SERVICE_UNAVAILABLE", message: expect.any(String) });
    expect(slotsOf(await t.record(email))).toEqual([]);
    // Nothing was sent, so the user may ask again at once.
    const retry = setup();
    expect((await retry.post({ email, redirectUri: retry.redirectUri })).status).toBe(202);
  });

  it("answers 503 when the user directory is unreachable", async () => {
    const t = setup({ cognitoEndpoint: "http://127.0.0.1:9" });
    const [response, log] = await withErrorLog(async () => t.post({ email: newEmail(), redirectUri: t.redirectUri }));
    expect(log).toContainEqual(expect.objectContaining({ level: "error" }));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { code: string }).code).toBe("SERVICE_UNAVAILABLE");
  });
});
