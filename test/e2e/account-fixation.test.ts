/**
 * Account fixation through an unverified email, against the local stack (which, like the CDK's pool,
 * keeps a user's original email until a new one is verified): sign-in mail, sign-ins and the passkey
 * owner items that sign-in options read follow only a verified address, so an account holding
 * someone's address unverified never receives or redeems the sign-ins meant for them, nor has its
 * passkeys offered for the address. Sign-up is on, as in the local stack by default.
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PublicKeyCredentialRequestOptionsJSON } from "@latchkey/core/passkeys";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { type SoftAuthenticator, softAuthenticator } from "@latchkey/testkit/passkeys";
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

  it("never makes an account that holds someone's address unverified its owner: options list only the verified holder's passkeys", async () => {
    const attacker = await signInByEmailCode(stack, newEmail("owner-attacker"));
    const victim = newEmail("owner-victim");
    // The address set on the attacker's account unverified (as a pool that lets users change their
    // email without keeping the original would), with a verified number, so its passkey signs it in.
    await setAttributes(attacker.username, {
      email: victim,
      email_verified: "false",
      phone_number: `+4477009${String(count).padStart(5, "0")}`,
      phone_number_verified: "true",
    });
    const attackerKey = softAuthenticator();
    await registerSoftPasskey(stack, attacker.accessToken, attackerKey);
    expect(await listed(victim)).not.toContain(attackerKey.id);
    const signIn = await customAuthSignIn(cognito, stack.clientId, {
      login: attacker.username,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(softKeyAnswer(attackerKey, await usernamelessOptions())),
    });
    expect(signIn).toMatchObject({ username: attacker.username });
    expect(await listed(victim)).not.toContain(attackerKey.id);

    // The address's real holder verifies it (here: the attacker's account lets it go) and registers a passkey.
    await setAttributes(attacker.username, { email: newEmail("owner-attacker-again"), email_verified: "true" });
    const holder = await signInByEmailCode(stack, victim);
    const holderKey = softAuthenticator();
    await registerSoftPasskey(stack, holder.accessToken, holderKey);
    expect(await listed(victim)).toEqual([holderKey.id]);
  });

  it("refuses the assertion of an account whose email is no longer verified, whatever options listed", async () => {
    const email = newEmail("passkey-holder");
    const user = await signInByEmailCode(stack, email);
    const softKey = softAuthenticator();
    await registerSoftPasskey(stack, user.accessToken, softKey);
    await setAttributes(user.username, { email_verified: "false" });
    // The address was the account's verified email when the passkey was registered, so it still owns
    // it (until another account verifies it and signs in with a passkey)...
    expect(await listed(email)).toContain(softKey.id);
    // ...but that never signs in: the passkey's account may not sign in now, whatever was offered.
    const signIn = await customAuthSignIn(cognito, stack.clientId, {
      login: user.username,
      signInMethod: "PASSKEY",
      answer: JSON.stringify(softKeyAnswer(softKey, await usernamelessOptions())),
    });
    expect(signIn).toEqual(REFUSED);
  });
});

/** The credential IDs the api's sign-in options list for a typed email. */
async function listed(email: string): Promise<string[] | undefined> {
  const response = await fetch(`${stack.urls.api}/passkeys/authentication/options`, {
    method: "POST",
    headers: { origin: stack.urls.app, "content-type": "application/json" },
    body: JSON.stringify({ username: email }),
  });
  const options = (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
  return options.allowCredentials?.map((credential) => credential.id);
}

async function usernamelessOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const response = await fetch(`${stack.urls.api}/passkeys/authentication/options`, {
    method: "POST",
    headers: { origin: stack.urls.app, "content-type": "application/json" },
    body: "{}",
  });
  return (await response.json()) as PublicKeyCredentialRequestOptionsJSON;
}

const softKeyAnswer = (softKey: SoftAuthenticator, options: PublicKeyCredentialRequestOptionsJSON) =>
  softKey.authenticate(options, { origin: stack.urls.app });

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
