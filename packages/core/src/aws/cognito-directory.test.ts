import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  GlobalSignOutCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startTestPool } from "@latchkey/testkit/cognito-pool";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDirectory } from "../ports.ts";
import { cognitoDirectory } from "./cognito-directory.ts";

/** The directory over the Cognito emulator, with users in every state an account can be in. */
let pool: Awaited<ReturnType<typeof startTestPool>>;
let directory: UserDirectory;
beforeAll(async () => {
  pool = await startTestPool();
  directory = cognitoDirectory(pool.admin, pool.userPoolId);
});
afterAll(() => pool.close());

let count = 0;
const newEmail = (name: string) => `${name}-${++count}@example.com`;

/** An account as an admin (or Latchkey's sign-up) makes it: FORCE_CHANGE_PASSWORD, `email_verified` as given. */
async function adminCreated(email: string, verified: boolean) {
  const { User } = await pool.admin.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: email,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: email },
        ...(verified ? [{ Name: "email_verified", Value: "true" }] : []),
      ],
    }),
  );
  return User?.Username ?? "";
}

const setAttributes = (username: string, attributes: Record<string, string>) =>
  pool.admin.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: pool.userPoolId,
      Username: username,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );

describe("cognitoDirectory.findByEmail", () => {
  it("finds the account with this verified address, whatever the case typed or stored", async () => {
    const stored = `Mixed.Case-${++count}@Example.com`;
    const username = await adminCreated(stored, true);
    for (const typed of [stored, stored.toLowerCase(), stored.toUpperCase(), ` ${stored.toLowerCase()} `]) {
      expect(await directory.findByEmail(typed)).toEqual({ username, email: stored });
    }
  });

  it("knows nobody by an address no account has", async () => {
    expect(await directory.findByEmail(newEmail("nobody"))).toBeUndefined();
  });

  it("knows nobody by an address an account holds unverified, however it got there", async () => {
    const created = newEmail("created-unverified");
    await adminCreated(created, false);
    expect(await directory.findByEmail(created)).toBeUndefined();

    // Someone puts an address they never proved on their own account (a pool that does not keep the original).
    const claimed = newEmail("victim");
    const holder = await adminCreated(newEmail("holder"), true);
    await setAttributes(holder, { email: claimed });
    expect(await directory.findByEmail(claimed)).toBeUndefined();

    const unmarked = newEmail("unmarked");
    await setAttributes(await adminCreated(unmarked, true), { email_verified: "false" });
    expect(await directory.findByEmail(unmarked)).toBeUndefined();
  });

  it("knows nobody by the address of an unconfirmed sign-up, even a verified one, nor of a disabled account", async () => {
    const signedUp = newEmail("unconfirmed");
    const { UserSub } = await pool.admin.send(
      new SignUpCommand({ ClientId: pool.clientId, Username: signedUp, Password: "x1!Abcdef" }),
    );
    await setAttributes(UserSub ?? "", { email_verified: "true" });
    expect(await directory.findByEmail(signedUp)).toBeUndefined();

    const disabled = newEmail("disabled");
    await pool.disableUser(await adminCreated(disabled, true));
    expect(await directory.findByEmail(disabled)).toBeUndefined();
  });

  it("knows nobody by an address longer than a Cognito username can be", async () => {
    expect(await directory.findByEmail(`${"u".repeat(64)}@${"d".repeat(60)}.example.com`)).toBeUndefined();
  });
});

describe("cognitoDirectory.createUser", () => {
  it("creates an account that may sign in, with the address trimmed and in lower case", async () => {
    const typed = ` New.Person-${++count}@Example.COM `;
    const created = await directory.createUser(typed);
    expect(created).toEqual({ username: expect.stringMatching(/^[0-9a-f-]{36}$/), email: typed.trim().toLowerCase() });
    expect(await directory.findByEmail(typed)).toEqual(created);
  });

  it("creates nothing, and does not fail, where an account that may not sign in holds the address", async () => {
    const squatted = newEmail("squatted");
    await adminCreated(squatted, false);
    expect(await directory.createUser(squatted)).toBeUndefined();
    expect(await directory.findByEmail(squatted)).toBeUndefined();
  });
});

let numbers = 0;
const newNumber = () => `+4477009${String(++numbers).padStart(5, "0")}`;

/** An account with this phone number (verified or not), made by an admin, with an email if given. */
async function phoneAccount(phoneNumber: string, verified: boolean, email?: string) {
  const { User } = await pool.admin.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: email ?? phoneNumber,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "phone_number", Value: phoneNumber },
        ...(verified ? [{ Name: "phone_number_verified", Value: "true" }] : []),
        ...(email ? [{ Name: "email", Value: email }] : []),
      ],
    }),
  );
  return User?.Username ?? "";
}

describe("cognitoDirectory.findByPhoneNumber", () => {
  it("finds the account with this verified number, phone-only or with an unverified email beside it", async () => {
    const phoneOnly = newNumber();
    const username = await phoneAccount(phoneOnly, true);
    expect(await directory.findByPhoneNumber(phoneOnly)).toEqual({ username, phoneNumber: phoneOnly });
    const withEmail = newNumber();
    const both = await phoneAccount(withEmail, true, newEmail("unverified-email"));
    expect(await directory.findByPhoneNumber(withEmail)).toEqual({ username: both, phoneNumber: withEmail });
  });

  it("knows nobody by a number no account has, one held unverified, or one of a disabled account", async () => {
    expect(await directory.findByPhoneNumber(newNumber())).toBeUndefined();
    const unverified = newNumber();
    await phoneAccount(unverified, false);
    expect(await directory.findByPhoneNumber(unverified)).toBeUndefined();
    // Someone puts a number they never proved on their own account.
    const claimed = newNumber();
    await setAttributes(await phoneAccount(newNumber(), true), { phone_number: claimed });
    expect(await directory.findByPhoneNumber(claimed)).toBeUndefined();
    const disabled = newNumber();
    await pool.disableUser(await phoneAccount(disabled, true));
    expect(await directory.findByPhoneNumber(disabled)).toBeUndefined();
  });

  it("does not take an email's verification for the number's", async () => {
    const phoneNumber = newNumber();
    const email = newEmail("verified-email");
    const username = await phoneAccount(phoneNumber, false, email);
    await setAttributes(username, { email_verified: "true" });
    expect(await directory.findByPhoneNumber(phoneNumber)).toBeUndefined();
    expect(await directory.findByEmail(email)).toEqual({ username, email });
  });
});

describe("cognitoDirectory.createPhoneUser", () => {
  it("creates a phone-only account that may sign in, with the number verified", async () => {
    const phoneNumber = newNumber();
    const created = await directory.createPhoneUser(phoneNumber);
    expect(created).toEqual({ username: expect.stringMatching(/^[0-9a-f-]{36}$/), phoneNumber });
    expect(await directory.findByPhoneNumber(phoneNumber)).toEqual(created);
  });

  it("creates nothing, and does not fail, where an account that may not sign in holds the number", async () => {
    const squatted = newNumber();
    await phoneAccount(squatted, false);
    expect(await directory.createPhoneUser(squatted)).toBeUndefined();
    expect(await directory.findByPhoneNumber(squatted)).toBeUndefined();
  });
});

describe("cognitoDirectory.userByAccessToken", () => {
  it("names the user of an access token the pool accepts", async () => {
    const email = newEmail("signed-in");
    const username = await adminCreated(email, true);
    const { accessToken } = await pool.signIn(username);
    expect(await directory.userByAccessToken(accessToken)).toStrictEqual({
      username,
      email,
      emailVerified: true,
      phoneNumber: undefined,
      phoneNumberVerified: false,
    });
  });

  it("gives the user's phone number and whether it is verified, where a step-up text may go", async () => {
    const email = newEmail("phone");
    const username = await adminCreated(email, true);
    const { accessToken } = await pool.signIn(username);
    await setAttributes(username, { phone_number: "+447700900123", phone_number_verified: "true" });
    expect(await directory.userByAccessToken(accessToken)).toMatchObject({
      phoneNumber: "+447700900123",
      phoneNumberVerified: true,
    });
    await setAttributes(username, { phone_number_verified: "false" });
    expect(await directory.userByAccessToken(accessToken)).toMatchObject({ phoneNumberVerified: false });
  });

  it("knows nobody by a token revoked, signed out, of a disabled or deleted user, or not the pool's", async () => {
    const refused: string[] = [];
    const revoked = await pool.signIn(await adminCreated(newEmail("revoked"), true));
    await pool.admin.send(new RevokeTokenCommand({ ClientId: pool.clientId, Token: revoked.refreshToken }));
    refused.push(revoked.accessToken);
    const signedOut = await pool.signIn(await adminCreated(newEmail("signed-out"), true));
    await pool.admin.send(new GlobalSignOutCommand({ AccessToken: signedOut.accessToken }));
    refused.push(signedOut.accessToken);
    const disabledUser = await adminCreated(newEmail("disabled"), true);
    const disabled = await pool.signIn(disabledUser);
    await pool.disableUser(disabledUser);
    refused.push(disabled.accessToken);
    const deletedUser = await adminCreated(newEmail("deleted"), true);
    const deleted = await pool.signIn(deletedUser);
    await pool.admin.send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: deletedUser }));
    refused.push(deleted.accessToken);
    refused.push("not.a.token");
    for (const token of refused) expect(await directory.userByAccessToken(token)).toBeUndefined();
  });

  it("throws when Cognito cannot be reached, rather than taking the token for good or bad", async () => {
    const unreachable = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    try {
      await expect(cognitoDirectory(unreachable, pool.userPoolId).userByAccessToken("a.b.c")).rejects.toThrow();
    } finally {
      unreachable.destroy();
    }
  });
});
