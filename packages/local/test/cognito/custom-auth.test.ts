import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, expectCognitoError, startTestPool, type TestPool } from "./test-pool.ts";
import { maxAttempts, rightAnswer } from "./test-triggers.ts";

/** aws-jwt-verify fetches over HTTPS only; the emulator serves its JWKS over plain HTTP. */
const httpJwksCache = () =>
  new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } });

describe("CUSTOM_AUTH sign-in", () => {
  let pool: TestPool;
  let username: string;
  const email = "ada@example.com";

  beforeAll(async () => {
    pool = await startTestPool();
    username = await pool.createUser(email);
  });
  afterAll(() => pool.close());

  const initiate = (login: string) =>
    pool.client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: login } }),
    );
  const respond = (session: string | undefined, answer: string, login = username) =>
    pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: session,
        ChallengeResponses: { USERNAME: login, ANSWER: answer },
      }),
    );

  it("issues tokens that verify against the emulator's JWKS", async () => {
    const challenge = await initiate(username);
    expect(challenge.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(challenge.ChallengeParameters).toEqual({ question: "What is the password?", USERNAME: username });
    const { AuthenticationResult: result } = await respond(challenge.Session, rightAnswer);
    expect(result).toMatchObject({ TokenType: "Bearer", ExpiresIn: 3600 });

    const { issuer, jwksUri } = pool.emulator;
    const idVerifier = JwtVerifier.create({ issuer, audience: clientId, jwksUri }, { jwksCache: httpJwksCache() });
    const id = await idVerifier.verify(result?.IdToken ?? "");
    expect(id).toMatchObject({
      sub: username,
      aud: clientId,
      token_use: "id",
      "cognito:username": username,
      email,
      email_verified: true,
      iss: issuer,
    });
    expect(Object.keys(id).sort()).toEqual(
      [
        "sub",
        "aud",
        "email_verified",
        "token_use",
        "auth_time",
        "iss",
        "cognito:username",
        "exp",
        "iat",
        "jti",
        "origin_jti",
        "email",
        "event_id",
      ].sort(),
    );

    const accessVerifier = JwtVerifier.create({ issuer, audience: null, jwksUri }, { jwksCache: httpJwksCache() });
    const access = await accessVerifier.verify(result?.AccessToken ?? "");
    expect(access).toMatchObject({
      sub: username,
      client_id: clientId,
      token_use: "access",
      scope: "aws.cognito.signin.user.admin",
      username,
      origin_jti: id.origin_jti,
      auth_time: id.auth_time,
    });
    expect(result?.RefreshToken).toEqual(expect.any(String));
  });

  it("signs in by email, case-insensitively, and names the UUID username in ChallengeParameters", async () => {
    const challenge = await initiate("ADA@Example.com");
    expect(challenge.ChallengeParameters?.USERNAME).toBe(username);
    const { AuthenticationResult } = await respond(challenge.Session, rightAnswer, email);
    expect(AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });

  it("lets Define decide: a wrong answer gets a new challenge, too many fail the sign-in", async () => {
    let { Session: session } = await initiate(username);
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      const retry = await respond(session, "wrong");
      expect(retry.ChallengeName).toBe("CUSTOM_CHALLENGE");
      expect(retry.Session).not.toBe(session);
      expect(retry.AuthenticationResult).toBeUndefined();
      session = retry.Session;
    }
    await expectCognitoError(respond(session, "wrong"), "NotAuthorizedException", "Incorrect username or password.");
  });

  it("passes the growing session history to Define and Create", async () => {
    const { Session } = await initiate(username);
    const retry = await respond(Session, "wrong");
    await respond(retry.Session, rightAnswer);
    const defines = pool.log.of("DefineAuthChallenge_Authentication").slice(-3);
    expect(defines.map((e) => e.request.session)).toEqual([
      [],
      [{ challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "QUESTION-1" }],
      [
        { challengeName: "CUSTOM_CHALLENGE", challengeResult: false, challengeMetadata: "QUESTION-1" },
        { challengeName: "CUSTOM_CHALLENGE", challengeResult: true, challengeMetadata: "QUESTION-2" },
      ],
    ]);
    const creates = pool.log.of("CreateAuthChallenge_Authentication").slice(-2);
    expect(creates.map((e) => [e.request.challengeName, e.request.session.length])).toEqual([
      ["CUSTOM_CHALLENGE", 0],
      ["CUSTOM_CHALLENGE", 1],
    ]);
  });

  it("refuses an answer for another user than the session's", async () => {
    const other = await pool.createUser("grace@example.com");
    const { Session } = await initiate(username);
    await expectCognitoError(
      respond(Session, rightAnswer, other),
      "NotAuthorizedException",
      "Invalid session for the user.",
    );
  });
});
