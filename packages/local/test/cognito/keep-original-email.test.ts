import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  ListUsersCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

/**
 * A pool that keeps the original email while a change is pending (Cognito's
 * AttributesRequireVerificationBeforeUpdate: ["email"], the CDK's keepOriginal.email): a new address
 * takes effect only once its code is verified, so nobody can hold an address they never proved.
 */
describe("a pool that keeps the original email until the new one is verified", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool({ keepOriginalEmail: true });
  });
  afterAll(() => pool.close());

  const update = (accessToken: string, attributes: Record<string, string>) =>
    pool.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const verify = (accessToken: string, code: string) =>
    pool.client.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: "email", Code: code }));
  const attributesOf = async (accessToken: string) => {
    const { UserAttributes } = await pool.client.send(new GetUserCommand({ AccessToken: accessToken }));
    return Object.fromEntries((UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
  };
  const adminGet = (login: string) =>
    pool.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: login }));
  const listedByEmail = async (email: string) =>
    (await pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${email}"` }))).Users;
  const signedIn = async (email: string) => pool.signIn(await pool.createUser(email));

  it("keeps the verified address and mails a code to the new one; the new one names nobody yet", async () => {
    const { AccessToken } = await signedIn("kept@example.com");
    const response = await update(AccessToken, { email: "pending@example.com", name: "Ada" });
    expect(response.CodeDeliveryDetailsList).toEqual([
      { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "p***@e***" },
    ]);
    expect(pool.mail.at(-1)).toMatchObject({ to: "pending@example.com", subject: "Your verification code" });
    // Other attributes of the same request apply at once.
    expect(await attributesOf(AccessToken)).toMatchObject({
      email: "kept@example.com",
      email_verified: "true",
      name: "Ada",
    });
    await expectCognitoError(adminGet("pending@example.com"), "UserNotFoundException", "User does not exist.");
    expect(await listedByEmail("pending@example.com")).toEqual([]);
    expect((await adminGet("kept@example.com")).Username).toBe(claimsOf(AccessToken).username);
    // The original address still signs in.
    expect((await pool.signIn("kept@example.com")).AccessToken).toEqual(expect.any(String));
  });

  it("applies the new address, verified, once its code is verified; the old one then names nobody", async () => {
    const { AccessToken } = await signedIn("moving@example.com");
    await update(AccessToken, { email: "moved@example.com" });
    await expectCognitoError(
      verify(AccessToken, String((Number(pool.lastCode("moved@example.com")) + 1) % 1_000_000).padStart(6, "0")),
      "CodeMismatchException",
      "Invalid verification code provided, please try again.",
    );
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "moving@example.com", email_verified: "true" });
    await verify(AccessToken, pool.lastCode("moved@example.com"));
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "moved@example.com", email_verified: "true" });
    expect((await adminGet("moved@example.com")).Username).toBe(claimsOf(AccessToken).username);
    await expectCognitoError(adminGet("moving@example.com"), "UserNotFoundException", "User does not exist.");
  });

  it("resends the code to the pending address, not to the kept one", async () => {
    const { AccessToken } = await signedIn("resend-kept@example.com");
    await update(AccessToken, { email: "resend-pending@example.com" });
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "resend-kept@example.com" });
    const { CodeDeliveryDetails } = await pool.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" }),
    );
    expect(CodeDeliveryDetails?.Destination).toBe("r***@e***");
    expect(pool.mail.at(-1)?.to).toBe("resend-pending@example.com");
    await verify(AccessToken, pool.lastCode("resend-pending@example.com"));
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "resend-pending@example.com" });
  });

  it("refuses the verification if someone else took the address meanwhile, and keeps the original", async () => {
    const { AccessToken } = await signedIn("slow@example.com");
    await update(AccessToken, { email: "contested@example.com" });
    const code = pool.lastCode("contested@example.com");
    await pool.createUser("contested@example.com");
    await expectCognitoError(
      verify(AccessToken, code),
      "AliasExistsException",
      "An account with the given email already exists.",
    );
    expect(await attributesOf(AccessToken)).toMatchObject({ email: "slow@example.com", email_verified: "true" });
  });

  it("lets an admin change the address at once only by marking it verified in the same call", async () => {
    const username = await pool.createUser("admin-kept@example.com");
    const adminUpdate = (attributes: Record<string, string>) =>
      pool.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
    await adminUpdate({ email: "admin-pending@example.com" });
    expect(pool.mail.at(-1)?.to).toBe("admin-pending@example.com");
    expect((await adminGet(username)).UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: "email", Value: "admin-kept@example.com" },
        { Name: "email_verified", Value: "true" },
      ]),
    );
    await adminUpdate({ email: "admin-now@example.com", email_verified: "true" });
    expect((await adminGet(username)).UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: "email", Value: "admin-now@example.com" },
        { Name: "email_verified", Value: "true" },
      ]),
    );
    await expectCognitoError(adminGet("admin-kept@example.com"), "UserNotFoundException", "User does not exist.");
  });
});
