/**
 * Real AWS Amplify v6 signs in through Latchkey's triggers on the local stack, in Node: signIn with
 * CUSTOM_WITHOUT_SRP, then confirmSignIn with the answer and clientMetadata.signInMethod, for an
 * email code, a magic link (also bound to the browser that asked) and a passkey, with and without a
 * username. Wrong answers end in the error the triggers make Cognito give.
 */
import { createHash, randomBytes } from "node:crypto";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from "aws-amplify/auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { amplifyKey, configureAmplify, requestSignInMail, settled, sharedStorage } from "./support/amplify.ts";
import { passkeyAssertion, registerSoftPasskey } from "./support/passkey-api.ts";

let stack: LocalStack;
let boundStack: LocalStack;
const { items, amplifyStorage } = sharedStorage();
beforeAll(async () => {
  [stack, boundStack] = await Promise.all([
    startLocalStack(),
    startLocalStack({ env: { LATCHKEY_LINK_BINDING: "same-browser" } }),
  ]);
  configureAmplify(stack, amplifyStorage);
});
afterEach(async () => {
  await signOut();
  await settled();
  configureAmplify(stack, amplifyStorage);
});
afterAll(async () => {
  await Promise.all([stack?.close(), boundStack?.close()]);
});

let count = 0;
const newEmail = () => `amplify-${++count}-${Date.now()}@example.com`;
const refused = { name: "NotAuthorizedException", message: "Incorrect username or password." };
const custom = { authFlowType: "CUSTOM_WITHOUT_SRP" } as const;

/** Amplify's second step with the answer and the method; resolves with Amplify's result. */
const answer = (challengeResponse: string, clientMetadata: Record<string, string>) =>
  confirmSignIn({ challengeResponse, options: { clientMetadata } });

async function expectSignedInAs(username: string, loginId: string) {
  expect(await getCurrentUser()).toEqual({
    username,
    userId: username,
    signInDetails: { loginId, authFlowType: "CUSTOM_WITHOUT_SRP" },
  });
  const { tokens } = await fetchAuthSession();
  expect(tokens?.idToken?.payload["cognito:username"]).toBe(username);
  expect(items.get(`CognitoIdentityServiceProvider.${stack.clientId}.LastAuthUser`)).toBe(username);
  expect(items.get(amplifyKey(stack, username, "refreshToken"))).toEqual(expect.any(String));
}

async function expectSignedOut() {
  await expect(getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" });
}

describe("Amplify v6 sign-in with an email code", () => {
  it("signs in: the first step names the user by username, the second carries the code", async () => {
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { code } = await requestSignInMail(stack, email);
    const started = await signIn({ username: email, options: { ...custom, clientMetadata: { app: "demo" } } });
    expect(started).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE",
        additionalInfo: expect.objectContaining({ USERNAME: username }),
      },
    });
    expect(await answer(code, { signInMethod: "EMAIL_CODE" })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: "DONE" },
    });
    await expectSignedInAs(username, email);
  });

  it("refuses a wrong code, and the method named only on signIn, then takes the right code", async () => {
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { code } = await requestSignInMail(stack, email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await signIn({ username: email, options: custom });
    await expect(answer(wrong, { signInMethod: "EMAIL_CODE" })).rejects.toMatchObject(refused);
    await expectSignedOut();
    // Cognito passes signIn's (InitiateAuth's) metadata to no challenge trigger: the method must come with the answer.
    await signIn({ username: email, options: { ...custom, clientMetadata: { signInMethod: "EMAIL_CODE" } } });
    await expect(confirmSignIn({ challengeResponse: code })).rejects.toMatchObject(refused);
    await expectSignedOut();
    await signIn({ username: email, options: custom });
    await answer(code, { signInMethod: "EMAIL_CODE" });
    await expectSignedInAs(username, email);
  });
});

describe("Amplify v6 sign-in with a magic link", () => {
  /** The username a link token names (its payload), to start the sign-in with. */
  const usernameOf = (token: string) =>
    String(JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()).username);

  it("signs in with the token from the link, once", async () => {
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { token } = await requestSignInMail(stack, email);
    expect(usernameOf(token)).toBe(username);
    await signIn({ username: usernameOf(token), options: custom });
    await answer(token, { signInMethod: "MAGIC_LINK" });
    await expectSignedInAs(username, username);
    await signOut();
    await settled();
    await signIn({ username, options: custom });
    await expect(answer(token, { signInMethod: "MAGIC_LINK" })).rejects.toMatchObject(refused);
  });

  it("refuses a tampered token", async () => {
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { token } = await requestSignInMail(stack, email);
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    await signIn({ username, options: custom });
    await expect(answer(tampered, { signInMethod: "MAGIC_LINK" })).rejects.toMatchObject(refused);
    await expectSignedOut();
  });

  it("bound to the browser that asked, needs that browser's verifier in clientMetadata", async () => {
    configureAmplify(boundStack, amplifyStorage);
    const email = newEmail();
    const { username } = await boundStack.createUser(email);
    const linkVerifier = randomBytes(32).toString("base64url");
    const bindingHash = createHash("sha256").update(linkVerifier).digest("base64url");
    const { token } = await requestSignInMail(boundStack, email, { bindingHash });
    await signIn({ username, options: custom });
    await expect(answer(token, { signInMethod: "MAGIC_LINK" })).rejects.toMatchObject(refused);
    await signIn({ username, options: custom });
    await answer(token, { signInMethod: "MAGIC_LINK", linkVerifier });
    expect((await getCurrentUser()).username).toBe(username);
  });
});

describe("Amplify v6 sign-in with a passkey", () => {
  /** A user with a passkey on a software authenticator, registered while signed in with Amplify. */
  async function userWithPasskey() {
    const email = newEmail();
    const { username } = await stack.createUser(email);
    const { code } = await requestSignInMail(stack, email);
    await signIn({ username: email, options: custom });
    await answer(code, { signInMethod: "EMAIL_CODE" });
    const { tokens } = await fetchAuthSession();
    const softKey = softAuthenticator();
    await registerSoftPasskey(stack, tokens?.accessToken.toString() ?? "", softKey);
    await signOut();
    await settled();
    return { email, username, softKey };
  }

  it("signs in with a username: the api's options for that account, the assertion as the answer", async () => {
    const { email, username, softKey } = await userWithPasskey();
    const assertion = await passkeyAssertion(stack, softKey, email);
    await signIn({ username: email, options: custom });
    await answer(JSON.stringify(assertion), { signInMethod: "PASSKEY" });
    await expectSignedInAs(username, email);
  });

  it("signs in without one: the passkey's user handle is the username Amplify needs", async () => {
    const { username, softKey } = await userWithPasskey();
    const assertion = await passkeyAssertion(stack, softKey);
    const userHandle = assertion.response.userHandle ?? "";
    const named = Buffer.from(userHandle, "base64url").toString("utf8");
    expect(named).toBe(username);
    await signIn({ username: named, options: custom });
    await answer(JSON.stringify(assertion), { signInMethod: "PASSKEY" });
    await expectSignedInAs(username, username);
  });

  it("refuses a passkey the account doesn't have, and an assertion used before", async () => {
    const { email, softKey } = await userWithPasskey();
    const foreign = await passkeyAssertion(stack, softAuthenticator(), email);
    await signIn({ username: email, options: custom });
    await expect(answer(JSON.stringify(foreign), { signInMethod: "PASSKEY" })).rejects.toMatchObject(refused);
    const assertion = await passkeyAssertion(stack, softKey, email);
    await signIn({ username: email, options: custom });
    await answer(JSON.stringify(assertion), { signInMethod: "PASSKEY" });
    await signOut();
    await settled();
    await signIn({ username: email, options: custom });
    await expect(answer(JSON.stringify(assertion), { signInMethod: "PASSKEY" })).rejects.toMatchObject(refused);
    await expectSignedOut();
  });
});
