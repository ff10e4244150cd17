import {
  AdminGetUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf, clientId, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

/**
 * UpdateUserAttributes with the rules of our pool: email is verified automatically and not kept while
 * a change is pending, and a user never sets the verification flags.
 */
describe("UpdateUserAttributes", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool();
  });
  afterAll(() => pool.close());

  const update = (accessToken: string, attributes: Record<string, string>) =>
    pool.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const attributesOf = async (accessToken: string) => {
    const { UserAttributes } = await pool.client.send(new GetUserCommand({ AccessToken: accessToken }));
    return Object.fromEntries((UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
  };
  const signedIn = async (email: string) => pool.signIn(await pool.createUser(email));

  it("changes other attributes at once, with nothing to confirm and no mail", async () => {
    const { AccessToken } = await signedIn("plain-update@example.com");
    const mailBefore = pool.mail.length;
    const response = await update(AccessToken, { name: "Ada", "custom:team": "ops" });
    expect(response.CodeDeliveryDetailsList).toBeUndefined();
    expect(await attributesOf(AccessToken)).toMatchObject({
      name: "Ada",
      "custom:team": "ops",
      email: "plain-update@example.com",
      email_verified: "true",
    });
    expect(pool.mail.length).toBe(mailBefore);
  });

  it("applies a new email at once, unverified, and mails a code to the new address", async () => {
    const { AccessToken, RefreshToken } = await signedIn("before-change@example.com");
    const response = await update(AccessToken, { email: "after-change@example.com" });
    expect(response.CodeDeliveryDetailsList).toEqual([
      { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "a***@e***" },
    ]);
    expect(await attributesOf(AccessToken)).toMatchObject({
      email: "after-change@example.com",
      email_verified: "false",
    });
    const mail = pool.mail.at(-1);
    expect(mail).toMatchObject({ to: "after-change@example.com", subject: "Your verification code" });
    expect(mail?.text).toBe(`Your verification code is ${pool.lastCode("after-change@example.com")}.`);
    // The email is the pool's username attribute: the new one names the user, the old one nobody.
    const byNew = await pool.client.send(
      new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "after-change@example.com" }),
    );
    expect(byNew.Username).toBe(claimsOf(AccessToken).username);
    await expectCognitoError(
      pool.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "before-change@example.com" })),
      "UserNotFoundException",
      "User does not exist.",
    );
    const refreshed = await pool.client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken }),
    );
    expect(claimsOf(refreshed.AuthenticationResult?.IdToken ?? "")).toMatchObject({
      email: "after-change@example.com",
      email_verified: false,
    });
  });

  it("refuses email_verified and phone_number_verified from the user, and writes nothing of that request", async () => {
    const email = "self-verify@example.com";
    const { AccessToken } = await signedIn(email);
    for (const flag of ["email_verified", "phone_number_verified"]) {
      await expectCognitoError(
        update(AccessToken, { name: "Mallory", email: "claimed@example.com", [flag]: "true" }),
        "NotAuthorizedException",
        "A client attempted to write unauthorized attribute",
      );
    }
    const attributes = await attributesOf(AccessToken);
    expect(attributes).toMatchObject({ email, email_verified: "true" });
    expect(attributes).not.toHaveProperty("name");
    expect(pool.mail.filter((m) => m.to === "claimed@example.com")).toEqual([]);
  });

  it("keeps the email verified when only its case changes", async () => {
    const { AccessToken } = await signedIn("case-only@example.com");
    const mailBefore = pool.mail.length;
    const response = await update(AccessToken, { email: "Case-Only@Example.com" });
    expect(response.CodeDeliveryDetailsList).toBeUndefined();
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "Case-Only@Example.com", email_verified: "true" });
    expect(pool.mail.length).toBe(mailBefore);
  });

  it("refuses an email that is taken or malformed, and sub", async () => {
    await pool.createUser("taken@example.com");
    const { AccessToken } = await signedIn("wants-taken@example.com");
    await expectCognitoError(
      update(AccessToken, { email: "TAKEN@example.com" }),
      "AliasExistsException",
      "An account with the given email already exists.",
    );
    await expectCognitoError(
      update(AccessToken, { email: "not-an-email" }),
      "InvalidParameterException",
      "Invalid email address format.",
    );
    await expectCognitoError(
      update(AccessToken, { sub: "mine" }),
      "InvalidParameterException",
      "Attributes did not conform to the schema: sub: Attribute cannot be updated.",
    );
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "wants-taken@example.com", email_verified: "true" });
    await expectCognitoError(
      pool.client.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: undefined })),
      "InvalidParameterException",
      "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
    );
  });

  it("needs a valid access token: not forged, an ID token, revoked or expired", async () => {
    const { AccessToken, IdToken, RefreshToken } = await signedIn("update-token@example.com");
    const [header, payload] = AccessToken.split(".");
    const forged = `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    await expectCognitoError(update(forged, { name: "x" }), "NotAuthorizedException", "Invalid Access Token");
    await expectCognitoError(update(IdToken, { name: "x" }), "NotAuthorizedException", "Invalid Access Token");
    const other = await signedIn("update-expired@example.com");
    await pool.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: RefreshToken }));
    await expectCognitoError(
      update(AccessToken, { name: "x" }),
      "NotAuthorizedException",
      "Access Token has been revoked",
    );
    pool.advance(3600);
    await expectCognitoError(
      update(other.AccessToken, { name: "x" }),
      "NotAuthorizedException",
      "Access Token has expired",
    );
  });
});
