/**
 * Passkey sign-in through Cognito CUSTOM_AUTH against the local stack, with assertions from a software
 * authenticator in Node (real keys and signatures): every refusal is a NotAuthorizedException and no
 * tokens. Passkeys are registered through the real api with a user signed in by an email code.
 */
import {
  AdminDisableUserCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  type AuthenticationResponseJSON,
  issueChallenge,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  passkeyPolicy,
  toUserHandle,
} from "@latchkey/core/passkeys";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { type SoftAuthenticator, softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, describeError, REFUSED } from "./support/cognito.ts";
import { type CodeSignIn, signInByEmailCode } from "./support/sign-in-by-email-code.ts";

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;

beforeAll(async () => {
  stack = await startLocalStack();
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  cognito?.destroy();
  await stack?.close();
});

let emails = 0;
const newEmail = () => `cognito-passkey-${++emails}-${Date.now()}@example.com`;
const origin = () => stack.urls.app;

async function api<T>(path: string, init: { token?: string; body?: unknown; method?: string } = {}) {
  const response = await fetch(`${stack.urls.api}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      origin: origin(),
      ...(init.body !== undefined && { "content-type": "application/json" }),
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body !== undefined && { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
}

/** A signed-in user with one registered passkey on a software authenticator. */
async function userWithPasskey(options: Parameters<typeof softAuthenticator>[0] = {}) {
  const email = newEmail();
  const user = await signInByEmailCode(stack, email);
  const softKey = softAuthenticator(options);
  await registerWith(user, softKey);
  return { email, user, softKey };
}

async function registerWith(user: CodeSignIn, softKey: SoftAuthenticator) {
  const creation = await api<PublicKeyCredentialCreationOptionsJSON>("/passkeys/registration/options", {
    token: user.accessToken,
    body: {},
  });
  const response = softKey.register(creation.body, { origin: origin() });
  return api<{ id: string; code?: string }>("/passkeys/registration/verify", {
    token: user.accessToken,
    body: { response },
  });
}

const requestOptions = async (username?: string) =>
  (
    await api<PublicKeyCredentialRequestOptionsJSON>("/passkeys/authentication/options", {
      body: username ? { username } : {},
    })
  ).body;

/** CUSTOM_AUTH with a PASSKEY answer, in its own session: the tokens, or the Cognito error. */
const signIn = (login: string, answer: AuthenticationResponseJSON | string) =>
  customAuthSignIn(cognito, stack.clientId, {
    login,
    signInMethod: "PASSKEY",
    answer: typeof answer === "string" ? answer : JSON.stringify(answer),
  });

const SIGNED_IN = { tokens: { AccessToken: expect.any(String), IdToken: expect.any(String) } };

describe("passkey sign-in through Cognito", () => {
  it("issues tokens for a usernameless sign-in", async () => {
    const { user, softKey } = await userWithPasskey();
    const answer = softKey.authenticate(await requestOptions(), { origin: origin() });
    expect(await signIn(user.username, answer)).toMatchObject(SIGNED_IN);
  });

  it("refuses every forged answer, with no tokens, and still accepts the real one after", async () => {
    const { user, softKey } = await userWithPasskey({ signCount: 10 });
    const policy = passkeyPolicy(stack.config);
    const used = await requestOptions();
    expect(await signIn(user.username, softKey.authenticate(used, { origin: origin() }))).toMatchObject(SIGNED_IN);
    const doomed = softAuthenticator();
    await registerWith(user, doomed);
    expect((await api(`/passkeys/${doomed.id}`, { token: user.accessToken, method: "DELETE" })).status).toBe(204);
    const flipLast = (answer: AuthenticationResponseJSON) => {
      const signature = Buffer.from(answer.response.signature, "base64url");
      signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 1;
      return { ...answer, response: { ...answer.response, signature: signature.toString("base64url") } };
    };
    const expired = issueChallenge(policy, {
      purpose: "authentication",
      username: "",
      rpId: "localhost",
      nowMs: Date.now() - 301_000,
    });
    const forged: [string, () => Promise<AuthenticationResponseJSON>][] = [
      ["reused challenge", async () => softKey.authenticate(used, { origin: origin() })],
      [
        "expired challenge",
        async () => softKey.authenticate({ challenge: expired, rpId: "localhost" }, { origin: origin() }),
      ],
      [
        "never-issued challenge",
        async () =>
          softKey.authenticate(
            { challenge: Buffer.alloc(120, 9).toString("base64url"), rpId: "localhost" },
            { origin: origin() },
          ),
      ],
      ["tampered signature", async () => flipLast(softKey.authenticate(await requestOptions(), { origin: origin() }))],
      ["wrong origin", async () => softKey.authenticate(await requestOptions(), { origin: "http://localhost:1" })],
      [
        "wrong RP ID hash",
        async () => softKey.authenticate(await requestOptions(), { origin: origin(), rpId: "evil.example" }),
      ],
      [
        "no user verification",
        async () => softKey.authenticate(await requestOptions(), { origin: origin(), flags: { uv: false } }),
      ],
      [
        "counter regression",
        async () => softKey.authenticate(await requestOptions(), { origin: origin(), counter: 3 }),
      ],
      [
        "backup eligibility flip",
        async () => softKey.authenticate(await requestOptions(), { origin: origin(), flags: { be: true } }),
      ],
      [
        "user handle of someone else",
        async () =>
          softKey.authenticate(await requestOptions(), {
            origin: origin(),
            userHandle: toUserHandle("00000000-0000-4000-8000-000000000000"),
          }),
      ],
      [
        "unknown credential",
        async () => softAuthenticator().authenticate(await requestOptions(), { origin: origin() }),
      ],
      [
        "deleted credential",
        async () =>
          doomed.authenticate(await requestOptions(), { origin: origin(), userHandle: toUserHandle(user.username) }),
      ],
    ];
    for (const [name, answer] of forged) {
      expect({ name, result: await signIn(user.username, await answer()) }).toEqual({ name, result: REFUSED });
    }
    const real = softKey.authenticate(await requestOptions(), { origin: origin() });
    expect(await signIn(user.username, real)).toMatchObject(SIGNED_IN);
  });

  it("gives exactly one success to 50 concurrent sessions answering with one assertion", async () => {
    const { user, softKey } = await userWithPasskey();
    const answer = softKey.authenticate(await requestOptions(), { origin: origin() });
    const results = await Promise.all(Array.from({ length: 50 }, () => signIn(user.username, answer)));
    expect(results.filter((result) => "tokens" in result)).toHaveLength(1);
    expect(results.filter((result) => "error" in result && result.error === REFUSED.error)).toHaveLength(49);
  });

  it("refuses a replayed assertion", async () => {
    const { user, softKey } = await userWithPasskey({ counting: false });
    const answer = softKey.authenticate(await requestOptions(), { origin: origin() });
    expect(await signIn(user.username, answer)).toMatchObject(SIGNED_IN);
    expect(await signIn(user.username, answer)).toEqual(REFUSED);
  });

  it("allows one attempt per session: a right answer after a wrong one gets nothing", async () => {
    const { user, softKey } = await userWithPasskey();
    const wrong = softKey.authenticate(await requestOptions(), { origin: "https://evil.example" });
    const right = softKey.authenticate(await requestOptions(), { origin: origin() });
    const started = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "CUSTOM_AUTH",
        ClientId: stack.clientId,
        AuthParameters: { USERNAME: user.username },
      }),
    );
    const respond = (answer: AuthenticationResponseJSON) =>
      cognito
        .send(
          new RespondToAuthChallengeCommand({
            ChallengeName: "CUSTOM_CHALLENGE",
            ClientId: stack.clientId,
            Session: started.Session,
            ChallengeResponses: { USERNAME: user.username, ANSWER: JSON.stringify(answer) },
            ClientMetadata: { signInMethod: "PASSKEY" },
          }),
        )
        .then((answered) => ({ tokens: answered.AuthenticationResult }), describeError);
    expect(await respond(wrong)).toEqual(REFUSED);
    expect(await respond(right)).toMatchObject({
      error: expect.stringMatching(/^NotAuthorizedException: Invalid session/),
    });
    // The right answer was not spent by the refused session: a new session accepts it.
    expect(await signIn(user.username, right)).toMatchObject(SIGNED_IN);
  });

  it("refuses a challenge issued for another user", async () => {
    const x = await userWithPasskey();
    const y = await userWithPasskey();
    const answer = y.softKey.authenticate(await requestOptions(x.email), { origin: origin() });
    expect(await signIn(y.user.username, answer)).toEqual(REFUSED);
  });

  it("refuses another user's credential presented under my username", async () => {
    const me = await userWithPasskey();
    const them = await userWithPasskey();
    const answer = them.softKey.authenticate(await requestOptions(), { origin: origin(), userHandle: null });
    expect(await signIn(me.email, answer)).toEqual(REFUSED);
  });

  it("refuses a disabled user", async () => {
    const { user, softKey } = await userWithPasskey();
    await stack.clients.cognito.send(
      new AdminDisableUserCommand({ UserPoolId: stack.userPoolId, Username: user.username }),
    );
    const answer = softKey.authenticate(await requestOptions(), { origin: origin() });
    expect(await signIn(user.username, answer)).toEqual({ error: "NotAuthorizedException: User is disabled." });
  });

  it("refuses malformed and oversized answers as wrong answers, not errors", async () => {
    const { user } = await userWithPasskey();
    for (const answer of ["{", "null", JSON.stringify({ id: "%%%" }), "A".repeat(40_000)]) {
      expect(await signIn(user.username, answer)).toEqual(REFUSED);
    }
  });

  it("refuses to register a credential ID that is already registered, and bad input, with 4xx codes", async () => {
    const { softKey } = await userWithPasskey();
    const other = await signInByEmailCode(stack, newEmail());
    // Same authenticator key material and credential ID, offered by another account.
    expect(await registerWith(other, softKey)).toMatchObject({ status: 409, body: { code: "CREDENTIAL_EXISTS" } });
    const malformed = await api("/passkeys/registration/verify", { token: other.accessToken, body: "{not json" });
    expect(malformed).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });
});
