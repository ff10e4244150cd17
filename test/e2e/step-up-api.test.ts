/**
 * Step-up against the local stack, from Node as a browser makes its calls: a signed-in user proves
 * again with a passkey or an emailed code and gets fresh tokens of the same account, whose auth_time
 * is new, optionally bound to one action (the pre token generation V2_0 trigger's step_up_action
 * claim), which the recent-sign-in rule of registration and deletion checks. The code goes out only
 * to a caller whose access token the pool still accepts.
 */
import {
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, REFUSED, type SignInOutcome } from "./support/cognito.ts";
import { registerSoftPasskey } from "./support/passkey-api.ts";
import { type PasskeyUser, passkeySignIn, passkeyUser } from "./support/passkey-user.ts";
import { nowSeconds, readMail } from "./support/sign-in-by-email.ts";

const RECENT_SIGN_IN_SECONDS = 3;
/** Codes that expire while a test waits, yet long after every other test here has redeemed its own. */
const CODE_EXPIRY_SECONDS = 6;

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  stack = await startLocalStack({
    env: {
      LATCHKEY_RECENT_SIGN_IN_SECONDS: String(RECENT_SIGN_IN_SECONDS),
      LATCHKEY_LINK_EXPIRY_SECONDS: String(CODE_EXPIRY_SECONDS),
    },
  });
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  cognito?.destroy();
  await stack?.close();
});

let count = 0;
const newUser = (name: string) => passkeyUser(stack, `step-up-${name}-${++count}-${Date.now()}@example.com`);
const outOfWindow = () => new Promise((resolve) => setTimeout(resolve, (RECENT_SIGN_IN_SECONDS + 1.2) * 1000));

async function api(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${stack.urls.api}${path}`, {
    method,
    headers: {
      origin: stack.urls.app,
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const requestCode = (token: string | undefined, body: unknown = {}) => api("POST", "/step-up/codes", token, body);
const recentSignInRequired = { status: 401, body: { code: "RECENT_SIGN_IN_REQUIRED", message: expect.any(String) } };
const unauthorized = { status: 401, body: { code: "UNAUTHORIZED", message: expect.any(String) } };

function tokensOf(outcome: SignInOutcome) {
  if ("error" in outcome) throw new Error(`sign-in failed: ${outcome.error}`);
  const { AccessToken, IdToken, RefreshToken } = outcome.tokens;
  if (!AccessToken || !IdToken || !RefreshToken) throw new Error("no tokens");
  return { accessToken: AccessToken, idToken: IdToken, refreshToken: RefreshToken };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

/** The mail to `user` since `since`. */
const mailTo = async (user: PasskeyUser, since: number) =>
  (await readMail(stack, since)).filter((mail) => mail.destination.to.includes(user.email));

describe("a passkey step-up", () => {
  it("gives the same user fresh tokens bound to deletion: the deletion passes, registration and the old token do not", {
    timeout: 30_000,
  }, async () => {
    const user = await newUser("passkey");
    const first = tokensOf(await passkeySignIn(stack, cognito, user));
    const second = softAuthenticator();
    await registerSoftPasskey(stack, first.accessToken, second);
    await outOfWindow();
    expect(await api("DELETE", `/passkeys/${second.id}`, first.accessToken)).toMatchObject(recentSignInRequired);

    const stepped = tokensOf(await passkeySignIn(stack, cognito, user, { stepUpAction: "delete-passkey" }));
    const [before, after] = [claims(first.accessToken), claims(stepped.accessToken)];
    expect(after).toMatchObject({ sub: before.sub, username: before.username, step_up_action: "delete-passkey" });
    expect(after.auth_time).toBeGreaterThan(before.auth_time);
    expect(claims(stepped.idToken)).not.toHaveProperty("step_up_action");

    expect(await api("POST", "/passkeys/registration/options", stepped.accessToken, {})).toMatchObject(
      recentSignInRequired,
    );
    expect(await api("DELETE", `/passkeys/${second.id}`, stepped.accessToken)).toMatchObject({ status: 204 });
    // The sign-in before the step-up is as old as it was: it still cannot make either change.
    expect(await api("POST", "/passkeys/registration/options", first.accessToken, {})).toMatchObject(
      recentSignInRequired,
    );
    expect(await api("DELETE", `/passkeys/${user.softKey.id}`, first.accessToken)).toMatchObject(recentSignInRequired);
    // And the step-up's own token ages out like any sign-in.
    await outOfWindow();
    expect(await api("DELETE", `/passkeys/${user.softKey.id}`, stepped.accessToken)).toMatchObject(
      recentSignInRequired,
    );
  });

  it("comes back from a refresh with its auth_time, a later iat and no binding: what the recent-sign-in rule reads", {
    timeout: 15_000,
  }, async () => {
    const user = await newUser("refreshed");
    const stepped = tokensOf(await passkeySignIn(stack, cognito, user, { stepUpAction: "delete-passkey" }));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const refreshed = await cognito.send(
      new InitiateAuthCommand({
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: stack.clientId,
        AuthParameters: { REFRESH_TOKEN: stepped.refreshToken },
      }),
    );
    const [before, after] = [claims(stepped.accessToken), claims(refreshed.AuthenticationResult?.AccessToken ?? "")];
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBeGreaterThan(before.iat);
    expect(after).not.toHaveProperty("step_up_action");
  });

  it("fails closed on a malformed action: no tokens at all", async () => {
    const user = await newUser("malformed-action");
    const outcome = await passkeySignIn(stack, cognito, user, { stepUpAction: "Delete Passkey" });
    expect(outcome).toEqual({
      error: "UserLambdaValidationException: PreTokenGeneration failed with error BAD_REQUEST.",
    });
  });
});

describe("an email-code step-up", () => {
  it("emails a signed-in caller a code without a link, which redeems once, bound to its action", async () => {
    const user = await newUser("code");
    const signedIn = tokensOf(await passkeySignIn(stack, cognito, user));
    const since = nowSeconds();
    expect(await requestCode(signedIn.accessToken, { locale: "en" })).toMatchObject({
      status: 202,
      body: { status: "sent" },
    });
    const [mail, ...more] = await mailTo(user, since);
    expect(more).toEqual([]);
    expect(mail?.subject).toMatch(/^Confirm it's you on /);
    expect(mail?.body.text).not.toMatch(/https?:/);
    const code = /^(\d{6})$/m.exec(mail?.body.text ?? "")?.[1] ?? "";
    expect(code).toMatch(/^\d{6}$/);

    // The limits of sign-in emails: one a minute per address.
    const again = await requestCode(signedIn.accessToken);
    expect(again).toMatchObject({ status: 429, body: { code: "RATE_LIMITED" } });
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await mailTo(user, since)).toHaveLength(1);

    const redeem = () =>
      customAuthSignIn(cognito, stack.clientId, {
        login: user.username,
        signInMethod: "EMAIL_CODE",
        answer: code,
        clientMetadata: { stepUpAction: "register-passkey" },
      });
    const stepped = tokensOf(await redeem());
    expect(claims(stepped.accessToken)).toMatchObject({
      sub: claims(signedIn.accessToken).sub,
      step_up_action: "register-passkey",
    });
    expect(await redeem()).toEqual(REFUSED);
    expect(await api("POST", "/passkeys/registration/options", stepped.accessToken, {})).toMatchObject({ status: 200 });
    expect(await api("DELETE", `/passkeys/${user.softKey.id}`, stepped.accessToken)).toMatchObject(
      recentSignInRequired,
    );
  });

  it("gives tokens to exactly one of two redemptions of the same code at once", async () => {
    const user = await newUser("race");
    const signedIn = tokensOf(await passkeySignIn(stack, cognito, user));
    const since = nowSeconds();
    expect(await requestCode(signedIn.accessToken)).toMatchObject({ status: 202 });
    const [mail] = await mailTo(user, since);
    const code = /^(\d{6})$/m.exec(mail?.body.text ?? "")?.[1] ?? "";
    const redeem = () =>
      customAuthSignIn(cognito, stack.clientId, { login: user.username, signInMethod: "EMAIL_CODE", answer: code });
    const outcomes = await Promise.all([redeem(), redeem()]);
    expect(outcomes.filter((outcome) => "tokens" in outcome)).toHaveLength(1);
    expect(outcomes.filter((outcome) => "error" in outcome)).toEqual([REFUSED]);
  });

  it("refuses a code once it has expired", { timeout: 30_000 }, async () => {
    const user = await newUser("expired");
    const signedIn = tokensOf(await passkeySignIn(stack, cognito, user));
    const since = nowSeconds();
    expect(await requestCode(signedIn.accessToken)).toMatchObject({ status: 202 });
    const [mail] = await mailTo(user, since);
    const code = /^(\d{6})$/m.exec(mail?.body.text ?? "")?.[1] ?? "";
    await new Promise((resolve) => setTimeout(resolve, (CODE_EXPIRY_SECONDS + 1.5) * 1000));
    const redeem = customAuthSignIn(cognito, stack.clientId, {
      login: user.username,
      signInMethod: "EMAIL_CODE",
      answer: code,
    });
    expect(await redeem).toEqual(REFUSED);
  });

  it("sends nothing to an anonymous caller, a bad token, or one the pool no longer accepts", async () => {
    const user = await newUser("refused");
    const signedOut = tokensOf(await passkeySignIn(stack, cognito, user));
    const revoked = tokensOf(await passkeySignIn(stack, cognito, user));
    await cognito.send(new RevokeTokenCommand({ Token: revoked.refreshToken, ClientId: stack.clientId }));
    const since = nowSeconds();
    expect(await requestCode(undefined)).toMatchObject(unauthorized);
    expect(await requestCode("not.a.token")).toMatchObject(unauthorized);
    expect(await requestCode(revoked.idToken)).toMatchObject(unauthorized);
    expect(await requestCode(revoked.accessToken)).toMatchObject(unauthorized);
    await cognito.send(new GlobalSignOutCommand({ AccessToken: signedOut.accessToken }));
    expect(await requestCode(signedOut.accessToken)).toMatchObject(unauthorized);
    expect(await mailTo(user, since - 1)).toEqual([]);
  });

  it("refuses an account whose address is not verified with 409 STEP_UP_METHOD_UNAVAILABLE, and sends nothing", async () => {
    const user = await newUser("unverified");
    const signedIn = tokensOf(await passkeySignIn(stack, cognito, user));
    await stack.clients.cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: stack.userPoolId,
        Username: user.username,
        UserAttributes: [{ Name: "email_verified", Value: "false" }],
      }),
    );
    const since = nowSeconds();
    expect(await requestCode(signedIn.accessToken)).toMatchObject({
      status: 409,
      body: { code: "STEP_UP_METHOD_UNAVAILABLE" },
    });
    expect(await mailTo(user, since - 1)).toEqual([]);
  });

  it("refuses a malformed body with 400 BAD_REQUEST, and sends nothing", async () => {
    const user = await newUser("bad-body");
    const signedIn = tokensOf(await passkeySignIn(stack, cognito, user));
    const since = nowSeconds();
    for (const body of [{ method: "VOICE_CODE" }, { bindingHash: "short" }, { locale: "<script>" }, []]) {
      expect(await requestCode(signedIn.accessToken, body)).toMatchObject({
        status: 400,
        body: { code: "BAD_REQUEST" },
      });
    }
    expect(await mailTo(user, since - 1)).toEqual([]);
  });
});
