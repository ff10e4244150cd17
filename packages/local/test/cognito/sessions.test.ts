import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, expectCognitoError, startTestPool, type TestPool } from "./test-pool.ts";
import { rightAnswer } from "./test-triggers.ts";

describe("auth Sessions", () => {
  let pool: TestPool;
  let username: string;

  beforeAll(async () => {
    pool = await startTestPool({ sessionTtlSeconds: 180 });
    username = await pool.createUser("lin@example.com");
  });
  afterAll(() => pool.close());

  const initiate = async () =>
    (
      await pool.client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "CUSTOM_AUTH",
          AuthParameters: { USERNAME: username },
        }),
      )
    ).Session;
  const respond = (session: string | undefined, answer = rightAnswer) =>
    pool.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: session,
        ChallengeResponses: { USERNAME: username, ANSWER: answer },
      }),
    );

  it("are single use, also after a successful sign-in", async () => {
    const session = await initiate();
    await respond(session);
    await expectCognitoError(respond(session), "NotAuthorizedException", "Invalid session for the user.");
  });

  it("are replaced every round: the previous one stops working", async () => {
    const first = await initiate();
    const second = (await respond(first, "wrong")).Session;
    expect(second).toEqual(expect.any(String));
    await expectCognitoError(respond(first), "NotAuthorizedException", "Invalid session for the user.");
    expect((await respond(second)).AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it("give one attempt to concurrent answers", async () => {
    const session = await initiate();
    const results = await Promise.allSettled([respond(session), respond(session)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });

  it("that are unknown are refused", async () => {
    await expectCognitoError(
      respond("made-up-session-value"),
      "NotAuthorizedException",
      "Invalid session for the user.",
    );
  });

  it("expire after sessionTtlSeconds", async () => {
    const session = await initiate();
    pool.advance(181);
    await expectCognitoError(
      respond(session),
      "NotAuthorizedException",
      "Invalid session for the user, session is expired.",
    );
  });

  it("still work just before they expire", async () => {
    const session = await initiate();
    pool.advance(179);
    expect((await respond(session)).AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });
});
