/**
 * Account fixation through an unverified email, against the local stack (which, like the CDK's pool,
 * keeps a user's original email until a new one is verified): sign-in mail and sign-ins follow only a
 * verified address, so an account holding someone's address unverified never receives or redeems the
 * sign-ins meant for them. Sign-up is on, as in the local stack by default.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { apiGatewayClientIp, cognitoAccessTokens, createApp } from "@latchkey/api";
import { createDeps } from "@latchkey/api/create-deps";
import type { PublicKeyCredentialRequestOptionsJSON } from "@latchkey/core/passkeys";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, REFUSED } from "./support/cognito.ts";
import { registerSoftPasskey } from "./support/passkey-api.ts";
import { nowSeconds, readMail, requestSignInMail } from "./support/sign-in-by-email.ts";
import { signInByEmailCode } from "./support/sign-in-by-email-code.ts";

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
const platform = () => ({ accessTokens: cognitoAccessTokens(stack.config), clientIp: apiGatewayClientIp });
const newEmail = (name: string) => `${name}-${++count}-${Date.now()}@example.com`;

const postMagicLink = (email: string) =>
  fetch(`${stack.urls.api}/magic-links`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, redirectUri: `${stack.urls.app}/blank.html` }),
  });

const mailTo = async (email: string, since: number) =>
  (await readMail(stack, since)).filter((mail) => mail.destination.to.includes(email));

const setAttributes = (username: string, attributes: Record<string, string>) =>
  cognito.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: stack.userPoolId,
      Username: username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );

describe("account fixation through an unverified email", () => {
  it("a user who sets a newcomer's address on their own account never gets the newcomer's sign-in", async () => {
    const attacker = await signInByEmailCode(stack, newEmail("attacker"));
    const victim = newEmail("newcomer");
    await cognito.send(
      new UpdateUserAttributesCommand({
        AccessToken: attacker.accessToken,
        UserAttributes: [{ Name: "email", Value: victim }],
      }),
    );
    const newcomer = await signInByEmailCode(stack, victim);
    expect(newcomer.username).not.toBe(attacker.username);
  });

  it("sends no mail for an address an account holds unverified, and signs nobody up for it", async () => {
    const victim = newEmail("held");
    const { User } = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.userPoolId,
        Username: victim,
        MessageAction: "SUPPRESS",
        UserAttributes: [{ Name: "email", Value: victim }],
      }),
    );
    const since = nowSeconds() - 1;
    const response = await postMagicLink(victim);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: "accepted" });
    expect(await mailTo(victim, since)).toEqual([]);
    // Nobody was signed up for it: the address still names the account that holds it, unverified.
    const holder = await cognito.send(new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: victim }));
    expect(holder.Username).toBe(User?.Username);
  });

  it("refuses a right code from an account whose email is no longer verified, and takes it once it is", async () => {
    const email = newEmail("unmarked");
    const { username } = await stack.createUser(email);
    const { code } = await requestSignInMail(stack, email);
    await setAttributes(username, { email_verified: "false" });
    const answer = { login: email, signInMethod: "EMAIL_CODE", answer: code };
    expect(await customAuthSignIn(cognito, stack.clientId, answer)).toEqual(REFUSED);
    await setAttributes(username, { email_verified: "true" });
    expect(await customAuthSignIn(cognito, stack.clientId, answer)).toMatchObject({ username });
  });

  it("offers decoys, not the passkeys, of an account whose email is not verified, and refuses its assertion", async () => {
    const email = newEmail("passkey-holder");
    const user = await signInByEmailCode(stack, email);
    const softKey = softAuthenticator();
    await registerSoftPasskey(stack, user.accessToken, softKey);
    await setAttributes(user.username, { email_verified: "false" });
    // The address's lookup was recorded while the address was verified: until it is asked of the pool
    // again (after its age bound, here a day on), it may still list the account's passkeys...
    const listed = async (clock: { now: () => number }) => {
      const app = createApp({ ...createDeps(stack.config, platform()), clock });
      const response = await app.request("/passkeys/authentication/options", {
        method: "POST",
        headers: { origin: stack.urls.app, "content-type": "application/json" },
        body: JSON.stringify({ username: email }),
      });
      const options = (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
      return options.allowCredentials?.map((credential) => credential.id);
    };
    expect(await listed({ now: () => Date.now() })).toContain(softKey.id);
    // ...and then it is the pool's answer: decoys.
    const dayOn = Date.now() + stack.config.magicLinks.addressLookupMaxAgeSeconds * 1000;
    expect(await listed({ now: () => dayOn })).not.toContain(softKey.id);
    // ...but never sign in: the passkey's account may not sign in now, whatever was offered.
    const usernameless = (await (
      await fetch(`${stack.urls.api}/passkeys/authentication/options`, {
        method: "POST",
        headers: { origin: stack.urls.app, "content-type": "application/json" },
        body: "{}",
      })
    ).json()) as PublicKeyCredentialRequestOptionsJSON;
    const assertion = softKey.authenticate(usernameless, { origin: stack.urls.app });
    const signIn = await customAuthSignIn(cognito, stack.clientId, {
      login: user.username,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(assertion),
    });
    expect(signIn).toEqual(REFUSED);
  });
});

describe("addresses in any case", () => {
  it("mails an account stored in mixed case when its address is typed in lower case", async () => {
    const stored = `Mixed.Case-${++count}@Example.com`;
    const { username } = await cognito
      .send(
        new AdminCreateUserCommand({
          UserPoolId: stack.userPoolId,
          Username: stored,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: stored },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      )
      .then(({ User }) => ({ username: User?.Username }));
    const since = nowSeconds() - 1;
    expect((await postMagicLink(stored.toLowerCase())).status).toBe(202);
    const [mail] = await mailTo(stored, since);
    expect(mail).toBeDefined();
    const code = /\b(\d{6})$/m.exec(mail?.body.text ?? "")?.[1] ?? "";
    const signIn = await customAuthSignIn(cognito, stack.clientId, {
      login: stored.toUpperCase(),
      signInMethod: "EMAIL_CODE",
      answer: code,
    });
    expect(signIn).toMatchObject({ username });
  });

  it("signs a newcomer up under the address in lower case, whatever the case typed", async () => {
    const typed = `New.Comer-${++count}@Example.COM`;
    const since = nowSeconds() - 1;
    expect((await postMagicLink(typed)).status).toBe(202);
    const [mail] = await mailTo(typed.toLowerCase(), since);
    const code = /\b(\d{6})$/m.exec(mail?.body.text ?? "")?.[1] ?? "";
    const signIn = await customAuthSignIn(cognito, stack.clientId, {
      login: typed,
      signInMethod: "EMAIL_CODE",
      answer: code,
    });
    if ("error" in signIn) throw new Error(signIn.error);
    const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken: signIn.tokens.AccessToken }));
    expect(UserAttributes).toEqual(expect.arrayContaining([{ Name: "email", Value: typed.toLowerCase() }]));
  });
});
