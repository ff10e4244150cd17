/**
 * What the admin API does, proven against the real local components: its requests signed with SigV4
 * (adminFetch) through the local gateway, sign-in through the Cognito emulator with the stack's
 * triggers, sign-in mail from the SES inbox and texts from the SMS outbox. A revoked passkey no longer
 * signs in; a revoked link or code (emailed or texted) no longer redeems; after sign-out everywhere the
 * refresh token is refused and the api refuses the old access token. Each leaves other users alone.
 */
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { adminFetch, LOCAL_ADMIN_CREDENTIALS, type LocalStack, startLocalStack } from "@latchkey/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, describeError, REFUSED } from "./support/cognito.ts";
import { passkeySignIn, passkeyUser } from "./support/passkey-user.ts";
import { requestSignInMail } from "./support/sign-in-by-email.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";
import { newBrowser, newPhoneNumber, smsCode } from "./support/sms.ts";

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

let count = 0;
const newEmail = (name: string) => `admin-${name}-${++count}@example.com`;

/** An admin API call, signed with the stack's IAM credentials: status and JSON body. */
async function admin<T = unknown>(method: string, path: string): Promise<{ status: number; body: T }> {
  const response = await adminFetch(`${stack.urls.admin}${path}`, {
    method,
    credentials: LOCAL_ADMIN_CREDENTIALS,
    region: stack.region,
  });
  return { status: response.status, body: (response.status === 204 ? undefined : await response.json()) as T };
}

const signedIn = (outcome: Awaited<ReturnType<typeof customAuthSignIn>>) =>
  expect(outcome).toHaveProperty("tokens.AccessToken");

describe("revoking passkeys", () => {
  it("one: it no longer signs in through Cognito; other users' passkeys still do", async () => {
    const user = await passkeyUser(stack, newEmail("one"));
    const bystander = await passkeyUser(stack, newEmail("bystander"));
    signedIn(await passkeySignIn(stack, cognito, user));

    const listed = await admin<{ id: string }[]>("GET", `/admin/users/${user.username}/passkeys`);
    expect(listed.body.map((passkey) => passkey.id)).toEqual([user.softKey.id]);
    const revoked = await admin("DELETE", `/admin/users/${user.username}/passkeys/${user.softKey.id}`);
    expect(revoked).toEqual({ status: 200, body: { revoked: [user.softKey.id] } });

    expect(await passkeySignIn(stack, cognito, user)).toEqual(REFUSED);
    signedIn(await passkeySignIn(stack, cognito, bystander));
    expect((await admin<{ id: string }[]>("GET", `/admin/users/${user.username}/passkeys`)).body).toEqual([]);
  });

  it("all: none of the user's passkeys signs in any more", async () => {
    const user = await passkeyUser(stack, newEmail("all"));
    const bystander = await passkeyUser(stack, newEmail("all-bystander"));
    const revoked = await admin("DELETE", `/admin/users/${user.username}/passkeys`);
    expect(revoked).toEqual({ status: 200, body: { revoked: [user.softKey.id] } });
    expect(await passkeySignIn(stack, cognito, user)).toEqual(REFUSED);
    signedIn(await passkeySignIn(stack, cognito, bystander));
  });
});

describe("revoking outstanding sign-ins", () => {
  it("a link and a code from an email no longer redeem; another user's still do", async () => {
    const email = newEmail("mail");
    const { username } = await stack.createUser(email);
    const { token, code } = await requestSignInMail(stack, email);
    const otherEmail = newEmail("mail-bystander");
    await stack.createUser(otherEmail);
    const other = await requestSignInMail(stack, otherEmail);

    const revoked = await admin("DELETE", `/admin/users/${username}/sign-ins`);
    expect(revoked).toEqual({ status: 200, body: { emails: 1, texts: 0 } });

    const redeem = (login: string, signInMethod: string, answer: string) =>
      customAuthSignIn(cognito, stack.clientId, { login, signInMethod, answer });
    expect(await redeem(email, "MAGIC_LINK", token)).toEqual(REFUSED);
    expect(await redeem(email, "EMAIL_CODE", code)).toEqual(REFUSED);
    signedIn(await redeem(otherEmail, "MAGIC_LINK", other.token));
  });

  it("a texted code no longer redeems", async () => {
    const phoneNumber = newPhoneNumber();
    const browser = newBrowser();
    const since = Math.floor(Date.now() / 1000) - 1;
    const requested = await fetch(`${stack.urls.api}/sms-codes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ phoneNumber, bindingHash: browser.bindingHash }),
    });
    expect(requested.status).toBe(202);
    const code = await smsCode(stack, phoneNumber, since);
    const { Username: username } = await stack.clients.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: phoneNumber }),
    );

    const revoked = await admin("DELETE", `/admin/users/${username}/sign-ins`);
    expect(revoked).toEqual({ status: 200, body: { emails: 0, texts: 1 } });
    const outcome = await customAuthSignIn(cognito, stack.clientId, {
      login: phoneNumber,
      signInMethod: "SMS_CODE",
      answer: code,
      clientMetadata: { smsVerifier: browser.verifier },
    });
    expect(outcome).toEqual(REFUSED);
  });
});

describe("signing a user out everywhere", () => {
  it("refuses their refresh token, and the api refuses their old access token", async () => {
    const email = newEmail("sign-out");
    const user = await signInByEmailCode(stack, email);
    const passkeys = (token: string) =>
      fetch(`${stack.urls.api}/passkeys`, { headers: { authorization: `Bearer ${token}` } });
    expect((await passkeys(user.accessToken)).status).toBe(200);

    const found = await admin<{ username: string }>("GET", `/admin/users?email=${encodeURIComponent(email)}`);
    expect(found.body.username).toBe(user.username);
    expect(await admin("POST", `/admin/users/${user.username}/sign-out`)).toEqual({ status: 204, body: undefined });

    const refresh = cognito.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: stack.clientId, RefreshToken: user.refreshToken }),
    );
    expect(await refresh.catch(describeError)).toEqual({
      error: "NotAuthorizedException: Refresh Token has been revoked",
    });
    const refused = await passkeys(user.accessToken);
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 401,
      body: { code: "UNAUTHORIZED", message: "This sign-in has ended; sign in again." },
    });
  });
});

describe("the admin API with a user it does not know", () => {
  it("answers 404 USER_NOT_FOUND on every route", async () => {
    const nobody = "00000000-0000-4000-8000-00000000dead";
    for (const [method, path] of [
      ["GET", `/admin/users/${nobody}`],
      ["GET", `/admin/users/${nobody}/passkeys`],
      ["DELETE", `/admin/users/${nobody}/passkeys/AAAA`],
      ["DELETE", `/admin/users/${nobody}/passkeys`],
      ["DELETE", `/admin/users/${nobody}/sign-ins`],
      ["POST", `/admin/users/${nobody}/sign-out`],
      ["GET", `/admin/users?email=${encodeURIComponent(newEmail("nobody"))}`],
    ] as const) {
      expect(await admin(method, path)).toMatchObject({ status: 404, body: { code: "USER_NOT_FOUND" } });
    }
  });
});
