/**
 * Access tokens the pool no longer accepts, against the local stack: after GlobalSignOut, RevokeToken,
 * AdminDisableUser or AdminDeleteUser, a token that still verifies as a JWT (signed, unexpired, signed
 * in a moment ago) is refused by every management route with 401 UNAUTHORIZED, and changes nothing.
 */
import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  type CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { listCredentials, type PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn } from "./support/cognito.ts";
import { passkeyAssertion, registerSoftPasskey } from "./support/passkey-api.ts";
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

let count = 0;
const newEmail = (name: string) => `${name}-${++count}-${Date.now()}@example.com`;

async function api(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${stack.urls.api}${path}`, {
    method,
    headers: {
      origin: stack.urls.app,
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

/** A user just signed in by email code, with one passkey, and a registration they have begun. */
async function signedInWithPasskey(name: string) {
  const user = await signInByEmailCode(stack, newEmail(name));
  const softKey = softAuthenticator();
  await registerSoftPasskey(stack, user.accessToken, softKey);
  const begun = await api("POST", "/passkeys/registration/options", user.accessToken, {});
  expect(begun.status).toBe(200);
  const response = softAuthenticator().register(begun.body as PublicKeyCredentialCreationOptionsJSON, {
    origin: stack.urls.app,
  });
  return { user, softKey, credentialId: softKey.id, response };
}

const refused = { status: 401, body: { code: "UNAUTHORIZED", message: expect.any(String) } };

/** Every management route answers the token 401 UNAUTHORIZED, and the user's passkeys stay as they were. */
async function expectRefusedEverywhere(token: string, user: CodeSignIn, credentialId: string, response: unknown) {
  const table = { client: stack.clients.dynamodb, name: stack.config.tableName };
  const before = await listCredentials(table, user.username);
  expect(await api("POST", "/passkeys/registration/options", token, {})).toEqual(refused);
  expect(await api("POST", "/passkeys/registration/verify", token, { response })).toEqual(refused);
  expect(await api("GET", "/passkeys", token)).toEqual(refused);
  expect(await api("PATCH", `/passkeys/${credentialId}`, token, { friendlyName: "Renamed" })).toEqual(refused);
  expect(await api("DELETE", `/passkeys/${credentialId}`, token)).toEqual(refused);
  expect(await listCredentials(table, user.username)).toEqual(before);
}

describe("a previously valid access token, within the recent sign-in window", () => {
  it("is refused everywhere after GlobalSignOut", async () => {
    const { user, credentialId, response } = await signedInWithPasskey("global-sign-out");
    await cognito.send(new GlobalSignOutCommand({ AccessToken: user.accessToken }));
    await expectRefusedEverywhere(user.accessToken, user, credentialId, response);
  });

  it("is refused everywhere after RevokeToken of its sign-in; another sign-in of the user still works", async () => {
    const { user, softKey, credentialId, response } = await signedInWithPasskey("revoke-token");
    const other = await customAuthSignIn(cognito, stack.clientId, {
      login: user.username,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(await passkeyAssertion(stack, softKey)),
    });
    if ("error" in other) throw new Error(other.error);
    await cognito.send(new RevokeTokenCommand({ ClientId: stack.clientId, Token: user.refreshToken }));
    await expectRefusedEverywhere(user.accessToken, user, credentialId, response);
    expect((await api("GET", "/passkeys", other.tokens.AccessToken ?? "")).status).toBe(200);
  });

  it("is refused everywhere after AdminDisableUser", async () => {
    const { user, credentialId, response } = await signedInWithPasskey("disabled");
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: stack.userPoolId, Username: user.username }));
    await expectRefusedEverywhere(user.accessToken, user, credentialId, response);
  });

  it("is refused everywhere after AdminDeleteUser", async () => {
    const { user, credentialId, response } = await signedInWithPasskey("deleted");
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: stack.userPoolId, Username: user.username }));
    await expectRefusedEverywhere(user.accessToken, user, credentialId, response);
  });
});
