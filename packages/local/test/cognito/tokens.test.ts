import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf, clientId, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

describe("tokens", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool({
      triggers: {
        preTokenGeneration: async (event) => {
          pool.log.record(event);
          event.response.claimsOverrideDetails = {
            claimsToAddOrOverride: { tier: "gold", name: "Overridden", sub: "not-allowed" },
            claimsToSuppress: ["email_verified", "tier-never-set"],
          };
          return event;
        },
      },
    });
  });
  afterAll(() => pool.close());

  const refresh = (refreshToken: string, flow: "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" = "REFRESH_TOKEN_AUTH") =>
    pool.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
  const getUser = (accessToken: string) => pool.client.send(new GetUserCommand({ AccessToken: accessToken }));

  it("apply pre token generation overrides to the ID token, never to protected claims", async () => {
    const username = await pool.createUser("claims@example.com");
    const { IdToken, AccessToken } = await pool.signIn(username);
    const id = claimsOf(IdToken);
    expect(id).toMatchObject({ tier: "gold", name: "Overridden", sub: username, email: "claims@example.com" });
    expect(id).not.toHaveProperty("email_verified");
    expect(claimsOf(AccessToken)).not.toHaveProperty("tier");
  });

  it("refresh into new ID and access tokens of the same sign-in, without a new refresh token", async () => {
    const username = await pool.createUser("refresh@example.com");
    const first = await pool.signIn(username);
    pool.advance(120);
    for (const flow of ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"] as const) {
      const { AuthenticationResult: result } = await refresh(first.RefreshToken, flow);
      expect(result?.RefreshToken).toBeUndefined();
      const [before, after] = [claimsOf(first.IdToken), claimsOf(result?.IdToken ?? "")];
      expect(after.auth_time).toBe(before.auth_time);
      expect(after.origin_jti).toBe(before.origin_jti);
      expect(after.iat).toBe((before.iat as number) + 120);
      expect(after.jti).not.toBe(before.jti);
      expect(claimsOf(result?.AccessToken ?? "").auth_time).toBe(before.auth_time);
    }
    const refreshes = pool.log.of("TokenGeneration_RefreshTokens");
    expect(refreshes.map((e) => e.userName)).toEqual([username, username]);
  });

  it("refuse an unknown refresh token", async () => {
    await expectCognitoError(refresh("not-a-refresh-token"), "NotAuthorizedException", "Invalid Refresh Token");
  });

  it("work with GetUser", async () => {
    const username = await pool.createUser("getuser@example.com");
    const { AccessToken } = await pool.signIn(username);
    const user = await getUser(AccessToken);
    expect(user.Username).toBe(username);
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: "sub", Value: username },
        { Name: "email", Value: "getuser@example.com" },
        { Name: "email_verified", Value: "true" },
      ]),
    );
  });

  it("that are forged or expired are refused by GetUser", async () => {
    const username = await pool.createUser("expiry@example.com");
    const { AccessToken, IdToken } = await pool.signIn(username);
    const [header, payload] = AccessToken.split(".");
    const forged = `${header}.${payload}.${Buffer.from("not a signature").toString("base64url")}`;
    await expectCognitoError(getUser(forged), "NotAuthorizedException", "Invalid Access Token");
    await expectCognitoError(getUser(IdToken), "NotAuthorizedException", "Invalid Access Token");
    pool.advance(3600);
    await expectCognitoError(getUser(AccessToken), "NotAuthorizedException", "Access Token has expired");
  });

  it("RevokeToken revokes one sign-in: its refresh token and its access tokens", async () => {
    const username = await pool.createUser("revoke@example.com");
    const revoked = await pool.signIn(username);
    const kept = await pool.signIn(username);
    const refreshed = (await refresh(revoked.RefreshToken)).AuthenticationResult?.AccessToken ?? "";
    await pool.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.RefreshToken }));
    await expectCognitoError(refresh(revoked.RefreshToken), "NotAuthorizedException", "Refresh Token has been revoked");
    for (const token of [revoked.AccessToken, refreshed]) {
      await expectCognitoError(getUser(token), "NotAuthorizedException", "Access Token has been revoked");
    }
    expect((await getUser(kept.AccessToken)).Username).toBe(username);
    expect((await refresh(kept.RefreshToken)).AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it("RevokeToken refuses an access token", async () => {
    const username = await pool.createUser("revoke-access@example.com");
    const { AccessToken } = await pool.signIn(username);
    await expectCognitoError(
      pool.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: AccessToken })),
      "UnsupportedTokenTypeException",
      "Unsupported token type.",
    );
  });

  it("GlobalSignOut revokes every sign-in of the user", async () => {
    const username = await pool.createUser("global@example.com");
    const sessions = [await pool.signIn(username), await pool.signIn(username)];
    const other = await pool.signIn(await pool.createUser("bystander@example.com"));
    await pool.client.send(new GlobalSignOutCommand({ AccessToken: sessions[0]?.AccessToken }));
    for (const { AccessToken, RefreshToken } of sessions) {
      await expectCognitoError(getUser(AccessToken), "NotAuthorizedException", "Access Token has been revoked");
      await expectCognitoError(refresh(RefreshToken), "NotAuthorizedException", "Refresh Token has been revoked");
    }
    expect((await getUser(other.AccessToken)).Username).toEqual(expect.any(String));
  });

  it("AdminUserGlobalSignOut revokes every sign-in of the user, named by username or email", async () => {
    const username = await pool.createUser("admin-signed-out@example.com");
    const sessions = [await pool.signIn(username), await pool.signIn(username)];
    const other = await pool.signIn(await pool.createUser("admin-bystander@example.com"));
    const signOut = (name: string) =>
      pool.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: name }));
    expect(await signOut(username)).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    for (const { AccessToken, RefreshToken } of sessions) {
      await expectCognitoError(getUser(AccessToken), "NotAuthorizedException", "Access Token has been revoked");
      await expectCognitoError(refresh(RefreshToken), "NotAuthorizedException", "Refresh Token has been revoked");
    }
    expect((await getUser(other.AccessToken)).Username).toEqual(expect.any(String));
    // A new sign-in after it works; the alias signs the user out again.
    const later = await pool.signIn(username);
    expect((await getUser(later.AccessToken)).Username).toBe(username);
    await signOut("Admin-Signed-Out@example.com");
    await expectCognitoError(getUser(later.AccessToken), "NotAuthorizedException", "Access Token has been revoked");
    await expectCognitoError(signOut("nobody@example.com"), "UserNotFoundException", "User does not exist.");
  });

  it("of a disabled user stop working; a deleted user's can't refresh", async () => {
    const disabled = await pool.createUser("disabled@example.com");
    const disabledTokens = await pool.signIn(disabled);
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: disabled }));
    await expectCognitoError(
      getUser(disabledTokens.AccessToken),
      "NotAuthorizedException",
      "Access Token has been revoked",
    );
    await expectCognitoError(
      refresh(disabledTokens.RefreshToken),
      "NotAuthorizedException",
      "Refresh Token has been revoked",
    );
    await pool.client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: disabled }));

    const deleted = await pool.createUser("deleted@example.com");
    const deletedTokens = await pool.signIn(deleted);
    await pool.client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: deleted }));
    await expectCognitoError(refresh(deletedTokens.RefreshToken), "UserNotFoundException", "User does not exist.");
    await expectCognitoError(getUser(deletedTokens.AccessToken), "UserNotFoundException", "User does not exist.");
  });
});
