import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf, clientId, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

const otherClientId = "otherclient00000000000000";

/** GetTokensFromRefreshToken, as AWS Amplify v6 refreshes, with InitiateAuth REFRESH_TOKEN_AUTH's rules. */
describe("GetTokensFromRefreshToken", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool({ clientIds: [clientId, otherClientId] });
  });
  afterAll(() => pool.close());

  const refresh = (refreshToken: string, extra: { ClientId?: string; ClientMetadata?: Record<string, string> } = {}) =>
    pool.client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken, ...extra }),
    );
  const getUser = (accessToken: string) => pool.client.send(new GetUserCommand({ AccessToken: accessToken }));
  const refused = (refreshToken: string, message: string) =>
    expectCognitoError(refresh(refreshToken), "NotAuthorizedException", message);

  it("gives new ID and access tokens of the same sign-in, and no new refresh token (no rotation)", async () => {
    const username = await pool.createUser("rotation-off@example.com");
    const first = await pool.signIn(username);
    pool.advance(300);
    const response = await refresh(first.RefreshToken);
    expect(Object.keys(response).filter((key) => key !== "$metadata")).toEqual(["AuthenticationResult"]);
    const result = response.AuthenticationResult;
    expect(result).toEqual({
      AccessToken: expect.any(String),
      IdToken: expect.any(String),
      ExpiresIn: 3600,
      TokenType: "Bearer",
    });
    const [before, after] = [claimsOf(first.IdToken), claimsOf(result?.IdToken ?? "")];
    expect(after).toMatchObject({ origin_jti: before.origin_jti, auth_time: before.auth_time, sub: username });
    expect(after.iat).toBe((before.iat as number) + 300);
    expect((await getUser(result?.AccessToken ?? "")).Username).toBe(username);
    // The same refresh token keeps working, as it does when rotation is off.
    expect((await refresh(first.RefreshToken)).AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });

  it("passes its ClientMetadata to pre token generation, unlike InitiateAuth's refresh", async () => {
    const username = await pool.createUser("refresh-metadata@example.com");
    const { RefreshToken } = await pool.signIn(username);
    await refresh(RefreshToken, { ClientMetadata: { from: "get-tokens" } });
    await pool.client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: RefreshToken },
        ClientMetadata: { from: "initiate" },
      }),
    );
    const events = pool.log.of("TokenGeneration_RefreshTokens").filter((e) => e.userName === username);
    expect(events.map((e) => e.request.clientMetadata)).toEqual([{ from: "get-tokens" }, undefined]);
    expect(events.map((e) => e.callerContext.clientId)).toEqual([clientId, clientId]);
  });

  it("refuses an unknown token, and one issued to another app client", async () => {
    await refused("not-a-refresh-token", "Invalid Refresh Token");
    const { RefreshToken } = await pool.signIn(await pool.createUser("other-client@example.com"));
    await expectCognitoError(
      refresh(RefreshToken, { ClientId: otherClientId }),
      "NotAuthorizedException",
      "Invalid Refresh Token",
    );
  });

  it("names the app client and the token", async () => {
    await expectCognitoError(
      refresh("token", { ClientId: "unknownclient" }),
      "ResourceNotFoundException",
      "User pool client unknownclient does not exist.",
    );
    await expectCognitoError(
      pool.client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: undefined as never })),
      "InvalidParameterException",
      "1 validation error detected: Value null at 'refreshToken' failed to satisfy constraint: Member must not be null",
    );
  });

  it("refuses a token revoked by RevokeToken or GlobalSignOut", async () => {
    const username = await pool.createUser("refresh-revoked@example.com");
    const revoked = await pool.signIn(username);
    const kept = await pool.signIn(username);
    await pool.client.send(new RevokeTokenCommand({ ClientId: clientId, Token: revoked.RefreshToken }));
    await refused(revoked.RefreshToken, "Refresh Token has been revoked");
    expect((await refresh(kept.RefreshToken)).AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    await pool.client.send(new GlobalSignOutCommand({ AccessToken: kept.AccessToken }));
    await refused(kept.RefreshToken, "Refresh Token has been revoked");
  });

  it("refuses a token past its 30 days", async () => {
    const { RefreshToken } = await pool.signIn(await pool.createUser("refresh-expired@example.com"));
    pool.advance(30 * 24 * 3600);
    await refused(RefreshToken, "Refresh Token has expired");
  });

  it("refuses the tokens of a disabled or deleted user", async () => {
    const disabled = await pool.createUser("refresh-disabled@example.com");
    const disabledTokens = await pool.signIn(disabled);
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: disabled }));
    await refused(disabledTokens.RefreshToken, "Refresh Token has been revoked");

    const deleted = await pool.createUser("refresh-deleted@example.com");
    const deletedTokens = await pool.signIn(deleted);
    await pool.client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: deleted }));
    await expectCognitoError(refresh(deletedTokens.RefreshToken), "UserNotFoundException", "User does not exist.");
  });
});
