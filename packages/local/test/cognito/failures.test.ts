import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CognitoTriggers } from "../../src/cognito/index.ts";
import { clientId, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";
import { EventLog, maxAttempts, recordingTriggers, rightAnswer } from "./test-triggers.ts";

const initiate = (pool: TestPool, login: string, client = clientId) =>
  pool.client.send(
    new InitiateAuthCommand({ ClientId: client, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: login } }),
  );

const respond = (pool: TestPool, session: string | undefined, login: string, answer: string) =>
  pool.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: "CUSTOM_CHALLENGE",
      Session: session,
      ChallengeResponses: { USERNAME: login, ANSWER: answer },
    }),
  );

describe("sign-in failures", () => {
  let pool: TestPool;
  let username: string;

  beforeAll(async () => {
    pool = await startTestPool();
    username = await pool.createUser("eve@example.com");
  });
  afterAll(() => pool.close());

  it("refuses an unknown app client", async () => {
    await expectCognitoError(
      initiate(pool, username, "no-such-client"),
      "ResourceNotFoundException",
      "User pool client no-such-client does not exist.",
    );
  });

  it("refuses a disabled user, and lets them in again once enabled", async () => {
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
    await expectCognitoError(initiate(pool, username), "NotAuthorizedException", "User is disabled.");
    await pool.client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
    expect((await pool.signIn(username)).IdToken).toEqual(expect.any(String));
  });

  it("refuses a user disabled between challenge and answer", async () => {
    const { Session } = await initiate(pool, username);
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
    await expectCognitoError(
      respond(pool, Session, username, rightAnswer),
      "NotAuthorizedException",
      "User is disabled.",
    );
    await pool.client.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
  });

  it("treats an unknown user like a wrong answer, with userNotFound in every event, PreAuthentication's too", async () => {
    const login = "nobody@example.com";
    const before = pool.log.events.length;
    let challenge = await initiate(pool, login);
    expect(challenge.ChallengeName).toBe("CUSTOM_CHALLENGE");
    expect(challenge.ChallengeParameters).toEqual({ question: "What is the password?", USERNAME: login });
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      challenge = await respond(pool, challenge.Session, login, rightAnswer);
    }
    await expectCognitoError(
      respond(pool, challenge.Session, login, rightAnswer),
      "NotAuthorizedException",
      "Incorrect username or password.",
    );
    const events = pool.log.events.slice(before);
    expect(events[0]?.triggerSource).toBe("PreAuthentication_Authentication");
    for (const event of events) {
      expect(event.userName).toBe(login);
      expect(event.request).toMatchObject({ userAttributes: {}, userNotFound: true });
    }
  });
});

describe("an unknown user, even when Define would issue tokens", () => {
  let pool: TestPool;
  // A careless Define that forgets userNotFound: Cognito still never issues tokens for nobody.
  const careless: CognitoTriggers = {
    defineAuthChallenge: async (event) => {
      if (event.request.session.at(-1)?.challengeResult) event.response.issueTokens = true;
      else event.response.challengeName = "CUSTOM_CHALLENGE";
      return event;
    },
  };

  beforeAll(async () => {
    pool = await startTestPool({ triggers: careless });
  });
  afterAll(() => pool.close());

  it("fails exactly like a failed sign-in", async () => {
    const { Session } = await initiate(pool, "ghost@example.com");
    await expectCognitoError(
      respond(pool, Session, "ghost@example.com", rightAnswer),
      "NotAuthorizedException",
      "Incorrect username or password.",
    );
  });
});

describe("a trigger that fails", () => {
  let pool: TestPool;
  let username: string;
  let failing: keyof CognitoTriggers | undefined;
  let garbage = false;
  const normal = recordingTriggers(new EventLog());
  const failWhenChosen =
    <E>(key: keyof CognitoTriggers, next: (event: E) => Promise<E>) =>
    async (event: E) => {
      if (failing === key) throw new Error("boom");
      return next(event);
    };

  beforeAll(async () => {
    pool = await startTestPool({
      triggers: {
        preAuthentication: failWhenChosen("preAuthentication", normal.preAuthentication),
        defineAuthChallenge: failWhenChosen("defineAuthChallenge", normal.defineAuthChallenge),
        createAuthChallenge: failWhenChosen("createAuthChallenge", async (event) =>
          garbage ? { ...event, response: null as never } : normal.createAuthChallenge(event),
        ),
        verifyAuthChallengeResponse: failWhenChosen("verifyAuthChallengeResponse", normal.verifyAuthChallengeResponse),
        postAuthentication: failWhenChosen("postAuthentication", normal.postAuthentication),
        preTokenGeneration: failWhenChosen("preTokenGeneration", normal.preTokenGeneration),
      },
    });
    username = await pool.createUser("boom@example.com");
  });
  afterAll(() => pool.close());

  it.each([
    ["preAuthentication", "PreAuthentication", "initiate"],
    ["defineAuthChallenge", "DefineAuthChallenge", "initiate"],
    ["createAuthChallenge", "CreateAuthChallenge", "initiate"],
    ["verifyAuthChallengeResponse", "VerifyAuthChallengeResponse", "respond"],
    ["postAuthentication", "PostAuthentication", "respond"],
    ["preTokenGeneration", "PreTokenGeneration", "respond"],
  ] as const)("%s fails the call with UserLambdaValidationException", async (key, name, step) => {
    const session = step === "respond" ? (await initiate(pool, username)).Session : undefined;
    failing = key;
    try {
      const call = step === "initiate" ? initiate(pool, username) : respond(pool, session, username, rightAnswer);
      await expectCognitoError(call, "UserLambdaValidationException", `${name} failed with error boom.`);
    } finally {
      failing = undefined;
    }
  });

  it("a trigger returning something that isn't an event is an InvalidLambdaResponseException", async () => {
    garbage = true;
    try {
      await expectCognitoError(
        initiate(pool, username),
        "InvalidLambdaResponseException",
        "Unrecognizable lambda output",
      );
    } finally {
      garbage = false;
    }
  });
});
