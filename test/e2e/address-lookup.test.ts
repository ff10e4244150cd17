/**
 * The email -> username lookup of the magic-link request, and the passkey owner items of sign-in
 * options with a typed email, kept in the table, against the real local components: the api built
 * here (as lambda.ts builds it) with counted AWS clients and a clock the tests move, and sign-in
 * through the stack's Cognito emulator, whose triggers redeem links on the real clock. The api's clock
 * starts minutes behind the real one, so the links it signs are already valid for the triggers and
 * it can move on a minute (the gap between emails) at a time.
 */

import {
  CognitoIdentityProviderClient,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import { cognitoDirectory, sesMailer } from "@latchkey/core/aws";
import type { PublicKeyCredentialRequestOptionsJSON } from "@latchkey/core/passkeys";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { type SoftAuthenticator, softAuthenticator } from "@latchkey/testkit/passkeys";
import { countCalls } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cognitoClient, customAuthSignIn, REFUSED } from "./support/cognito.ts";
import { passkeyAssertion, registerSoftPasskey } from "./support/passkey-api.ts";
import { linkPayload, nowSeconds, readMail, waitForSignInMail } from "./support/sign-in-by-email.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";
import { captureLines, closing } from "./support/telemetry.ts";

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  stack = await startLocalStack({ env: { LATCHKEY_ALLOW_SIGN_UP: "false" } });
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  cognito?.destroy();
  await stack?.close();
});

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
let emailCount = 0;
const newEmail = (name: string) => `${name}-${++emailCount}@example.com`;

/** The api over the stack's table, pool and SES, each client its own and counted. */
function setup() {
  const { config } = stack;
  const base = { region: stack.region, credentials, maxAttempts: 1 };
  const clients = {
    dynamodb: new DynamoDBClient({ ...base, endpoint: stack.urls.dynamodb }),
    ses: new SESv2Client({ ...base, endpoint: stack.urls.ses }),
    cognito: new CognitoIdentityProviderClient({ ...base, endpoint: stack.urls.cognito }),
  };
  let now = Date.now() - 5 * 60_000;
  const deps = {
    ...createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }),
    table: { client: clients.dynamodb, name: config.tableName },
    mailer: sesMailer(clients.ses, config.magicLinks.senderAddress),
    directory: cognitoDirectory(clients.cognito, config.userPoolId),
    clock: { now: () => now },
  };
  const app = createApp(deps);
  const calls = {
    dynamodb: countCalls(clients.dynamodb),
    ses: countCalls(clients.ses),
    cognito: countCalls(clients.cognito),
  };
  // Each request from a network of its own: the per-network caps are not what these tests are about.
  let networks = 0;
  const post = (path: string, body: unknown) =>
    app.request(
      path,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      {
        event: {
          requestContext: { identity: { sourceIp: `198.51.${Math.floor(++networks / 250)}.${networks % 250}` } },
        },
      },
    );
  return {
    calls,
    /** What one request cost, by client and command. */
    async measure(request: () => Response | Promise<Response>) {
      for (const counter of Object.values(calls)) counter.reset();
      const response = await request();
      const cost = Object.fromEntries(Object.entries(calls).map(([name, counter]) => [name, counter.byCommand]));
      return { response, cost };
    },
    askForLink: (email: string) => post("/magic-links", { email, redirectUri: `${stack.urls.app}/blank.html` }),
    options: (username: string) => post("/passkeys/authentication/options", { username }),
    nextMinute() {
      now += 61_000;
    },
    close() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

const signInWithLink = (token: string) =>
  customAuthSignIn(cognito, stack.clientId, {
    login: linkPayload(token).username,
    signInMethod: "MAGIC_LINK",
    answer: token,
  });

describe("addresses looked up in the table", () => {
  it("lets a known address's link request cost 2 DynamoDB calls, 1 SES call and no Cognito call", async () => {
    const t = setup();
    const email = newEmail("known");
    const { username } = await stack.createUser(email);
    // The first request asks the pool, once, and records its answer.
    const first = await t.measure(() => t.askForLink(email));
    expect(first.response.status).toBe(202);
    expect(first.cost).toEqual({
      dynamodb: { UpdateItemCommand: 3, PutItemCommand: 1 },
      ses: { SendEmailCommand: 1 },
      cognito: { AdminGetUserCommand: 1 },
    });
    t.nextMinute();
    const since = nowSeconds() - 1;
    const known = await t.measure(() => t.askForLink(email.toUpperCase()));
    expect(known.response.status).toBe(202);
    expect(known.cost).toEqual({ dynamodb: { UpdateItemCommand: 2 }, ses: { SendEmailCommand: 1 }, cognito: {} });
    const { token } = await waitForSignInMail(stack, email, since);
    expect(linkPayload(token).username).toBe(username);
    expect(await signInWithLink(token)).toMatchObject({ username });
    t.close();
  });

  it("answers an unknown address alike, asking the pool and mailing nothing", async () => {
    const t = setup();
    const email = newEmail("nobody");
    const since = nowSeconds() - 1;
    const unknown = await t.measure(() => t.askForLink(email));
    expect(unknown.response.status).toBe(202);
    expect(unknown.cost).toEqual({
      dynamodb: { UpdateItemCommand: 3 },
      ses: {},
      cognito: { AdminGetUserCommand: 1 },
    });
    expect((await readMail(stack, since)).filter((m) => m.destination.to.includes(email))).toEqual([]);
    t.close();
  });

  it("lets sign-in options for a typed email cost one read and one query and no Cognito call, for an owner and an unknown address alike", async () => {
    const t = setup();
    const owner = await userWithPasskey(newEmail("options"));
    for (const email of [owner.email, newEmail("options-nobody")]) {
      for (const round of ["first", "again"]) {
        const { response, cost } = await t.measure(() => t.options(email));
        expect({ email, round, status: response.status, cost }).toEqual({
          email,
          round,
          status: 200,
          cost: { dynamodb: { GetItemCommand: 1, QueryCommand: 1 }, ses: {}, cognito: {} },
        });
        const options = (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
        expect(Object.keys(options).sort()).toEqual([
          "allowCredentials",
          "challenge",
          "rpId",
          "timeout",
          "userVerification",
        ]);
        const ids = options.allowCredentials?.map((credential) => credential.id);
        if (email === owner.email) expect(ids).toEqual([owner.softKey.id]);
        else expect(ids).not.toContain(owner.softKey.id);
      }
    }
    t.close();
  });

  it("follows a user's new verified email at their next passkey sign-in, with extra writes that once", async () => {
    const t = setup();
    const [before, after] = [newEmail("owner-before"), newEmail("owner-after")];
    const user = await userWithPasskey(before);
    const listed = async (email: string) =>
      ((await (await t.options(email)).json()) as PublicKeyCredentialRequestOptionsJSON).allowCredentials?.map(
        (credential) => credential.id,
      );
    expect(await listed(before)).toEqual([user.softKey.id]);

    const since = nowSeconds() - 1;
    await cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: user.accessToken,
        UserAttributes: [{ Name: "email", Value: after }],
      }),
    );
    const code = await verificationCode(after, since);
    await cognito.send(
      new VerifyUserAttributeCommand({ AccessToken: user.accessToken, AttributeName: "email", Code: code }),
    );
    // Until the passkey signs in, the owner items are as the registration left them (the passkey, not
    // the address, is what signs in: see passkeys-cognito).
    expect(await listed(after)).not.toContain(user.softKey.id);

    // What the Verify trigger called, from its closing log line.
    const lines = captureLines();
    const verifyCalls = async () => {
      const mark = lines.mark();
      expect(await signInWithPasskey(user)).toMatchObject({ username: user.username });
      const [line, ...more] = closing(lines.since(mark), "verifyAuthChallengeResponse");
      expect(more).toEqual([]);
      return (line?.calls as Record<string, unknown> | undefined)?.DynamoDB;
    };
    try {
      // The credential read, its one write (which records the new address), then the owner moved.
      expect(await verifyCalls()).toEqual({ GetItem: 1, UpdateItem: 1, PutItem: 1, DeleteItem: 1 });
      expect(await listed(after)).toEqual([user.softKey.id]);
      expect(await listed(before)).not.toContain(user.softKey.id);
      expect(await verifyCalls()).toEqual({ GetItem: 1, UpdateItem: 1 });
    } finally {
      vi.restoreAllMocks();
      t.close();
    }
  });

  it("never signs in with mail for an address the user has left, and heals the lookup that sent it", async () => {
    const t = setup();
    const [before, after] = [newEmail("before"), newEmail("after")];
    const { username } = await stack.createUser(before);
    let since = nowSeconds() - 1;
    await t.askForLink(before);
    const signedIn = await signInWithLink((await waitForSignInMail(stack, before, since)).token);
    if (!("tokens" in signedIn)) throw new Error(`no sign-in: ${signedIn.error}`);
    const accessToken = signedIn.tokens.AccessToken ?? "";

    // A link asked for before the change, then the user moves to a new address and verifies it.
    t.nextMinute();
    since = nowSeconds() - 1;
    await t.askForLink(before);
    const earlier = await waitForSignInMail(stack, before, since);
    since = nowSeconds() - 1;
    await cognito.send(
      new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: "email", Value: after }] }),
    );
    const code = await verificationCode(after, since);
    await cognito.send(
      new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: "email", Code: code }),
    );

    // The lookup still names the user for the old address (it is fresh), so mail goes there...
    t.nextMinute();
    since = nowSeconds() - 1;
    const stale = await t.measure(() => t.askForLink(before));
    expect(stale.cost.cognito).toEqual({});
    const later = await waitForSignInMail(stack, before, since);
    // ...but neither link nor code signs in: the account's verified email is no longer that address.
    expect(await signInWithLink(later.token)).toEqual(REFUSED);
    expect(await signInWithLink(earlier.token)).toEqual(REFUSED);
    const byCode = await customAuthSignIn(cognito, stack.clientId, {
      login: username,
      signInMethod: "EMAIL_CODE",
      answer: later.code,
    });
    expect(byCode).toEqual(REFUSED);

    // The refusal dropped the lookup: the next request for the old address asks the pool, which names
    // nobody, and nothing is mailed.
    t.nextMinute();
    const mailed = await mailTo(before);
    const healed = await t.measure(() => t.askForLink(before));
    expect(healed.cost).toEqual({ dynamodb: { UpdateItemCommand: 3 }, ses: {}, cognito: { AdminGetUserCommand: 1 } });
    expect(await mailTo(before)).toBe(mailed);

    // The new address signs the user in.
    since = nowSeconds() - 1;
    await t.askForLink(after);
    const current = await waitForSignInMail(stack, after, since);
    expect(linkPayload(current.token).username).toBe(username);
    expect(await signInWithLink(current.token)).toMatchObject({ username });
    t.close();
  });
});

/** A user signed in by an email code, with a passkey registered through the api (so the address's owner). */
async function userWithPasskey(email: string) {
  await stack.createUser(email);
  const { username, accessToken } = await signInByEmailCode(stack, email);
  const softKey = softAuthenticator();
  await registerSoftPasskey(stack, accessToken, softKey);
  return { email, username, accessToken, softKey };
}

/** A usernameless passkey sign-in through Cognito. */
async function signInWithPasskey(user: { username: string; softKey: SoftAuthenticator }) {
  const answer = await passkeyAssertion(stack, user.softKey);
  return customAuthSignIn(cognito, stack.clientId, {
    login: user.username,
    signInMethod: "PASSKEY",
    answer: JSON.stringify(answer),
  });
}

/** How many mails the SES emulator holds for `to`. */
async function mailTo(to: string): Promise<number> {
  return (await readMail(stack, 0)).filter((m) => m.destination.to.includes(to)).length;
}

/** The code the pool mailed to `to` since `since` to verify an address. */
async function verificationCode(to: string, since: number): Promise<string> {
  const mail = (await readMail(stack, since)).filter(
    (m) => m.destination.to.includes(to) && m.subject === "Your verification code",
  );
  const code = /\b(\d{6})\b/.exec(mail.at(-1)?.body.text ?? "")?.[1];
  if (!code) throw new Error(`no verification code was mailed to ${to}`);
  return code;
}
