/**
 * One session, two libraries: real AWS Amplify v6 and @latchkey/client with `tokenKeys: "amplify"`
 * share a storage (as they share localStorage in a browser), in Node against the local stack. What
 * one signs in, refreshes or signs out, the other sees.
 */
import * as latchkey from "@latchkey/client";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import {
  confirmSignIn,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
} from "aws-amplify/auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  amplifyKey,
  amplifyTokens,
  cognitoProbe,
  configureAmplify,
  requestSignInMail,
  settled,
  sharedStorage,
} from "./support/amplify.ts";

let stack: LocalStack;
let probe: ReturnType<typeof cognitoProbe>;
const { items, storage, amplifyStorage } = sharedStorage();
beforeAll(async () => {
  stack = await startLocalStack();
  probe = cognitoProbe(stack);
  configureAmplify(stack, amplifyStorage);
  latchkey.configure({
    cognito: { userPoolId: stack.userPoolId, clientId: stack.clientId, endpoint: stack.urls.cognito },
    apiUrl: stack.urls.api,
    storage,
    tokenKeys: "amplify",
    autoRefresh: false,
  });
});
afterEach(async () => {
  await signOut();
  await settled();
  items.clear();
});
afterAll(async () => {
  probe?.destroy();
  await stack?.close();
});

let count = 0;
const newEmail = () => `amplify-shared-${++count}-${Date.now()}@example.com`;

async function signInWithAmplify() {
  const email = newEmail();
  const { username } = await stack.createUser(email);
  const { code } = await requestSignInMail(stack, email);
  await signIn({ username: email, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } });
  await confirmSignIn({ challengeResponse: code, options: { clientMetadata: { signInMethod: "EMAIL_CODE" } } });
  return { username, email };
}

async function signInWithLatchkey() {
  const email = newEmail();
  const { username } = await stack.createUser(email);
  const { code } = await requestSignInMail(stack, email);
  const tokens = await latchkey.signInWithCode({ email, code });
  return { username, email, tokens };
}

describe("tokens shared between Amplify v6 and @latchkey/client", () => {
  it("Amplify's sign-in is the client's: same tokens, the same user, the api accepts them", async () => {
    const { username, email } = await signInWithAmplify();
    const fromAmplify = await amplifyTokens();
    expect(latchkey.getTokens()).toMatchObject({
      ...fromAmplify,
      refreshToken: items.get(amplifyKey(stack, username, "refreshToken")),
    });
    expect(latchkey.getUser()).toMatchObject({ username, email, emailVerified: true });
    expect(await latchkey.listPasskeys()).toEqual([]);
  });

  it("a refresh by either library is what the other reads next", async () => {
    await signInWithAmplify();
    const byClient = await latchkey.refreshTokens({ force: true });
    expect((await amplifyTokens()).accessToken).toBe(byClient?.accessToken);
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(tokens?.accessToken.toString()).not.toBe(byClient?.accessToken);
    expect(latchkey.getTokens()?.accessToken).toBe(tokens?.accessToken.toString());
  });

  it("the client's sign-in is Amplify's", async () => {
    const { username, email, tokens } = await signInWithLatchkey();
    expect((await getCurrentUser()).username).toBe(username);
    expect(await amplifyTokens()).toEqual({ accessToken: tokens.accessToken, idToken: tokens.idToken });
    expect(await fetchUserAttributes()).toMatchObject({ sub: username, email });
    await expect(signIn({ username: email, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } })).rejects.toMatchObject({
      name: "UserAlreadyAuthenticatedException",
    });
  });

  it("Amplify's signOut signs the client out", async () => {
    const { tokens } = await signInWithLatchkey();
    await signOut();
    await settled();
    expect(latchkey.getTokens()).toBeUndefined();
    expect(await probe.refresh(tokens.refreshToken ?? "")).toBe(
      "NotAuthorizedException: Refresh Token has been revoked",
    );
  });

  it("the client's signOut revokes Amplify's sign-in and signs Amplify out", async () => {
    const { username } = await signInWithAmplify();
    const refreshToken = items.get(amplifyKey(stack, username, "refreshToken")) ?? "";
    await latchkey.signOut();
    for (const item of ["accessToken", "idToken", "refreshToken", "clockDrift"]) {
      expect(items.has(amplifyKey(stack, username, item))).toBe(false);
    }
    expect(items.has(`CognitoIdentityServiceProvider.${stack.clientId}.LastAuthUser`)).toBe(false);
    await expect(getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" });
    expect(await probe.refresh(refreshToken)).toBe("NotAuthorizedException: Refresh Token has been revoked");
  });

  it("the client's signOut removes every key Amplify wrote for the user, its sign-in details among them", async () => {
    const { username } = await signInWithAmplify();
    const userKeys = () => [...items.keys()].filter((key) => key.includes(`.${username}.`));
    expect(userKeys()).toContain(amplifyKey(stack, username, "signInDetails"));
    await latchkey.signOut();
    expect(userKeys()).toEqual([]);
  });
});
