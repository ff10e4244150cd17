import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { LatchkeyError } from "@latchkey/core";
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtExpiredError,
  JwtInvalidSignatureError,
  ParameterValidationError,
} from "aws-jwt-verify/error";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { describe, expect, it } from "vitest";
import { cognitoAccessTokens } from "./cognito-access-tokens.ts";

const userPoolId = "eu-west-1_Abc123";
const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
const poolKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...poolKey.publicKey.export({ format: "jwk" }), kid: "pool-key", alg: "RS256", use: "sig" };

// The pool's signing keys, served as Cognito serves them; every URI asked for is recorded.
const fetched: string[] = [];
const jwksCache = new SimpleJwksCache({
  fetcher: {
    fetch: async (uri) => {
      fetched.push(uri);
      return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
    },
  },
});
const accessTokens = cognitoAccessTokens({ userPoolId, clientIds: ["webclient", "adminclient"] }, jwksCache);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

function signJwt(claims: Record<string, unknown>, key: KeyObject = poolKey.privateKey): string {
  const signed = `${encode({ alg: "RS256", kid: "pool-key" })}.${encode(claims)}`;
  return `${signed}.${sign("RSA-SHA256", Buffer.from(signed), key).toString("base64url")}`;
}

/** An access token as Cognito issues it, signed in a minute ago. */
const accessToken = (claims: Record<string, unknown> = {}, key?: KeyObject) =>
  signJwt(
    {
      sub: "a11ce000-0000-4000-8000-000000000001",
      iss: issuer,
      client_id: "webclient",
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      auth_time: nowSeconds() - 60,
      iat: nowSeconds() - 60,
      exp: nowSeconds() + 3540,
      username: "a11ce000-0000-4000-8000-000000000001",
      ...claims,
    },
    key,
  );

/** The refusal is UNAUTHORIZED to the caller; its cause is the check that failed. */
async function refusalOf(token: string): Promise<unknown> {
  const error = await accessTokens.verify(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LatchkeyError);
  expect(error).toMatchObject({ code: "UNAUTHORIZED", message: "A valid access token is required." });
  return (error as Error).cause;
}

describe("cognitoAccessTokens", () => {
  it("accepts the pool's access tokens for each configured app client, with keys from the pool's JWKS URL", async () => {
    const authTime = nowSeconds() - 600;
    for (const clientId of ["webclient", "adminclient"]) {
      const token = accessToken({ client_id: clientId, auth_time: authTime, iat: authTime + 300 });
      expect(await accessTokens.verify(token)).toEqual({
        username: "a11ce000-0000-4000-8000-000000000001",
        authTime,
        issuedAt: authTime + 300,
        clientId,
      });
    }
    expect(new Set(fetched)).toEqual(new Set([`${issuer}/.well-known/jwks.json`]));
  });

  it("refuses an ID token", async () => {
    const idToken = accessToken({ token_use: "id", aud: "webclient", client_id: undefined });
    expect(await refusalOf(idToken)).toBeInstanceOf(CognitoJwtInvalidTokenUseError);
  });

  it("refuses an access token for another app client", async () => {
    expect(await refusalOf(accessToken({ client_id: "otherclient" }))).toBeInstanceOf(CognitoJwtInvalidClientIdError);
  });

  it("refuses an expired access token", async () => {
    expect(await refusalOf(accessToken({ exp: nowSeconds() - 1 }))).toBeInstanceOf(JwtExpiredError);
  });

  it("refuses a token from another issuer, such as the local emulator", async () => {
    const localIssuer = `http://localhost:9229/${userPoolId}`;
    const cause = await refusalOf(accessToken({ iss: localIssuer }));
    expect(cause).toBeInstanceOf(ParameterValidationError);
    expect(cause).toMatchObject({ message: `issuer not configured: ${localIssuer}` });
  });

  it("refuses a token not signed with the pool's key", async () => {
    const forged = accessToken({}, generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey);
    expect(await refusalOf(forged)).toBeInstanceOf(JwtInvalidSignatureError);
  });

  it("refuses an access token without username, auth_time or iat", async () => {
    for (const missing of [{ username: undefined }, { auth_time: undefined }, { iat: undefined }]) {
      expect(await refusalOf(accessToken(missing))).toMatchObject({
        message: "access token lacks username, auth_time, iat or client_id",
      });
    }
  });

  it("names the action a step-up bound the token to, and refuses a claim that is not a name", async () => {
    const bound = await accessTokens.verify(accessToken({ step_up_action: "delete-passkey" }));
    expect(bound).toMatchObject({ stepUpAction: "delete-passkey" });
    expect(await accessTokens.verify(accessToken())).not.toHaveProperty("stepUpAction");
    for (const claim of [1, true, ["delete-passkey"], { action: "delete-passkey" }, null]) {
      expect(await refusalOf(accessToken({ step_up_action: claim }))).toMatchObject({
        message: "access token has a step-up action that is not a string",
      });
    }
  });
});
