/**
 * Real AWS Amplify v6 keeps a Latchkey session on the local stack: forced refresh
 * (GetTokensFromRefreshToken), the user's attributes and an email change confirmed with the code the
 * pool mails, sign-out that revokes, and global sign-out.
 */

import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import {
  confirmSignIn,
  confirmUserAttribute,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  sendUserAttributeVerificationCode,
  signIn,
  signOut,
  updateUserAttributes,
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
import { passkeyAssertion, registerSoftPasskey } from "./support/passkey-api.ts";
import { readMail } from "./support/sign-in-by-email.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";

let stack: LocalStack;
let probe: ReturnType<typeof cognitoProbe>;
const { items, amplifyStorage } = sharedStorage();
beforeAll(async () => {
  stack = await startLocalStack();
  probe = cognitoProbe(stack);
  configureAmplify(stack, amplifyStorage);
});
afterEach(async () => {
  await signOut();
  await settled();
});
afterAll(async () => {
  probe?.destroy();
  await stack?.close();
});

let count = 0;
const newEmail = () => `amplify-session-${++count}-${Date.now()}@example.com`;
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());

/** Signs a new user in with Amplify by an email code; their username and email. */
async function signedIn(email = newEmail()) {
  const { username } = await stack.createUser(email);
  const { code } = await requestSignInMail(stack, email);
  await signIn({ username: email, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } });
  await confirmSignIn({ challengeResponse: code, options: { clientMetadata: { signInMethod: "EMAIL_CODE" } } });
  return { username, email };
}

/**
 * A user signed in twice: on another device (an email code, through the SDK) and here with Amplify,
 * by a passkey registered from there (one email a minute per address allows only one code).
 */
async function signedInTwice() {
  const email = newEmail();
  const elsewhere = await signInByEmailCode(stack, email);
  const softKey = softAuthenticator();
  await registerSoftPasskey(stack, elsewhere.accessToken, softKey);
  const assertion = await passkeyAssertion(stack, softKey, email);
  await signIn({ username: email, options: { authFlowType: "CUSTOM_WITHOUT_SRP" } });
  await confirmSignIn({
    challengeResponse: JSON.stringify(assertion),
    options: { clientMetadata: { signInMethod: "PASSKEY" } },
  });
  return { username: elsewhere.username, elsewhere };
}

const refreshTokenOf = (username: string) => items.get(amplifyKey(stack, username, "refreshToken")) ?? "";

describe("an Amplify v6 session on the local stack", () => {
  it("forced refresh gets new tokens of the same sign-in and keeps the refresh token", async () => {
    const { username } = await signedIn();
    const before = await amplifyTokens();
    const refreshToken = refreshTokenOf(username);
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    const after = { accessToken: tokens?.accessToken.toString() ?? "", idToken: tokens?.idToken?.toString() ?? "" };
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(claims(after.accessToken).jti).not.toBe(claims(before.accessToken).jti);
    expect(claims(after.idToken)).toMatchObject({
      origin_jti: claims(before.idToken).origin_jti,
      auth_time: claims(before.idToken).auth_time,
    });
    expect(refreshTokenOf(username)).toBe(refreshToken);
    expect(items.get(amplifyKey(stack, username, "accessToken"))).toBe(after.accessToken);
    expect(await probe.getUser(after.accessToken)).toBe("accepted");
  });

  it("fetchUserAttributes reads the user", async () => {
    const { username, email } = await signedIn();
    expect(await fetchUserAttributes()).toEqual({ sub: username, email, email_verified: "true" });
  });

  it("an email change waits for the mailed code, which applies it verified; a wrong code doesn't", async () => {
    const { email } = await signedIn();
    const newAddress = newEmail();
    const since = Math.floor(Date.now() / 1000) - 1;
    const updated = await updateUserAttributes({ userAttributes: { email: newAddress, name: "Ada" } });
    expect(updated).toEqual({
      email: {
        isUpdated: false,
        nextStep: {
          updateAttributeStep: "CONFIRM_ATTRIBUTE_WITH_CODE",
          codeDeliveryDetails: { attributeName: "email", deliveryMedium: "EMAIL", destination: "a***@e***" },
        },
      },
      name: { isUpdated: true, nextStep: { updateAttributeStep: "DONE" } },
    });
    // The pool keeps the verified address until the new one is verified, as the CDK's does.
    expect(await fetchUserAttributes()).toMatchObject({ email, email_verified: "true", name: "Ada" });
    const first = await verificationCode(newAddress, since);
    await sendUserAttributeVerificationCode({ userAttributeKey: "email" });
    const codes = await verificationCodes(newAddress, since);
    expect(codes).toHaveLength(2);
    const code = codes.at(-1) ?? "";
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await expect(confirmUserAttribute({ userAttributeKey: "email", confirmationCode: wrong })).rejects.toMatchObject({
      name: "CodeMismatchException",
    });
    if (first !== code) {
      await expect(confirmUserAttribute({ userAttributeKey: "email", confirmationCode: first })).rejects.toMatchObject({
        name: "CodeMismatchException",
      });
    }
    await confirmUserAttribute({ userAttributeKey: "email", confirmationCode: code });
    expect(await fetchUserAttributes()).toMatchObject({ email: newAddress, email_verified: "true" });
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(tokens?.idToken?.payload).toMatchObject({ email: newAddress, email_verified: true });
  });

  it("a user can't mark their own email verified", async () => {
    const { email } = await signedIn();
    await expect(updateUserAttributes({ userAttributes: { email_verified: "true" } })).rejects.toMatchObject({
      name: "NotAuthorizedException",
      message: "A client attempted to write unauthorized attribute",
    });
    expect(await fetchUserAttributes()).toMatchObject({ email, email_verified: "true" });
  });

  it("signOut revokes the refresh token and the access tokens of the sign-in, and clears Amplify's keys", async () => {
    const { username } = await signedIn();
    const { accessToken } = await amplifyTokens();
    const refreshToken = refreshTokenOf(username);
    const other = await signInByEmailCode(stack, newEmail());
    await signOut();
    await settled();
    expect([...items.keys()].filter((key) => key.startsWith("CognitoIdentityServiceProvider."))).toEqual([]);
    await expect(getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" });
    expect(await probe.refresh(refreshToken)).toBe("NotAuthorizedException: Refresh Token has been revoked");
    expect(await probe.getUser(accessToken)).toBe("NotAuthorizedException: Access Token has been revoked");
    expect(await probe.getUser(other.accessToken)).toBe("accepted");
  });

  it("signOut({ global: true }) ends every sign-in of the user", async () => {
    const { username, elsewhere } = await signedInTwice();
    const refreshToken = refreshTokenOf(username);
    expect(await probe.getUser(elsewhere.accessToken)).toBe("accepted");
    await signOut({ global: true });
    await settled();
    await expect(getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" });
    expect(await probe.refresh(refreshToken)).toBe("NotAuthorizedException: Refresh Token has been revoked");
    expect(await probe.getUser(elsewhere.accessToken)).toBe("NotAuthorizedException: Access Token has been revoked");
  });

  it("a session signed out elsewhere ends at the next forced refresh", async () => {
    const { username, elsewhere } = await signedInTwice();
    expect((await getCurrentUser()).username).toBe(username);
    await probe.signOutEverywhere(elsewhere.accessToken);
    const { tokens } = await fetchAuthSession({ forceRefresh: true });
    expect(tokens).toBeUndefined();
    await expect(getCurrentUser()).rejects.toMatchObject({ name: "UserUnAuthenticatedException" });
  });
});

/** The codes the pool mailed to `to` since `since`, oldest first. */
async function verificationCodes(to: string, since: number): Promise<string[]> {
  const mail = (await readMail(stack, since)).filter(
    (m) => m.destination.to.includes(to) && m.subject === "Your verification code",
  );
  return mail.map((m) => /\b(\d{6})\b/.exec(m.body.text ?? "")?.[1] ?? "");
}

async function verificationCode(to: string, since: number): Promise<string> {
  const [code] = await verificationCodes(to, since);
  if (!code) throw new Error(`no verification code was mailed to ${to}`);
  return code;
}
