import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PostAuthenticationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, region, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";
import { type AllV1Triggers, EventLog, recordingTriggers, rightAnswer, type TriggerEvent } from "./test-triggers.ts";

/**
 * The events the emulator sends carry the fields AWS documents for each trigger, no more, no less.
 * That they are the @types/aws-lambda types is checked by the compiler: the event builders are
 * declared to return them, and the triggers below take them as their parameter types.
 */
const topLevel = [
  "version",
  "region",
  "userPoolId",
  "userName",
  "callerContext",
  "triggerSource",
  "request",
  "response",
];

describe("trigger events", () => {
  let pool: TestPool;
  let username: string;
  const log = new EventLog();
  const typed = recordingTriggers(log);
  const triggers: AllV1Triggers = {
    preSignUp: (event: PreSignUpTriggerEvent) => typed.preSignUp(event),
    preAuthentication: (event: PreAuthenticationTriggerEvent) => typed.preAuthentication(event),
    defineAuthChallenge: (event: DefineAuthChallengeTriggerEvent) => typed.defineAuthChallenge(event),
    createAuthChallenge: (event: CreateAuthChallengeTriggerEvent) => typed.createAuthChallenge(event),
    verifyAuthChallengeResponse: (event: VerifyAuthChallengeResponseTriggerEvent) =>
      typed.verifyAuthChallengeResponse(event),
    preTokenGeneration: (event: PreTokenGenerationTriggerEvent) => typed.preTokenGeneration(event),
    postAuthentication: (event: PostAuthenticationTriggerEvent) => typed.postAuthentication(event),
  };

  beforeAll(async () => {
    pool = await startTestPool({ triggers });
    const send = pool.client.send.bind(pool.client);
    await send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "signup@example.com",
        Password: "x1!Abcdef",
        ValidationData: [{ Name: "captcha", Value: "ok" }],
        ClientMetadata: { via: "signup" },
      }),
    );
    await send(new SignUpCommand({ ClientId: clientId, Username: "bare@example.com", Password: "x1!Abcdef" }));
    username = await pool.createUser("events@example.com");
    const challenge = await send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "events@example.com" },
        ClientMetadata: { via: "initiate" },
      }),
    );
    const respond = (session: string | undefined, answer: string) =>
      send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: session,
          ChallengeResponses: { USERNAME: username, ANSWER: answer },
          ClientMetadata: { via: "respond" },
        }),
      );
    const retry = await respond(challenge.Session, "wrong");
    const { AuthenticationResult } = await respond(retry.Session, rightAnswer);
    await send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult?.RefreshToken ?? "" },
      }),
    );
    await send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "CUSTOM_AUTH",
        AuthParameters: { USERNAME: "who@example.com" },
      }),
    );
  });
  afterAll(() => pool.close());

  const only = (source: TriggerEvent["triggerSource"], index = 0): TriggerEvent => {
    const event = log.events.filter((e) => e.triggerSource === source)[index];
    if (event === undefined) throw new Error(`no ${source} event #${index}`);
    return event;
  };
  const shape = (event: TriggerEvent) => ({
    top: Object.keys(event),
    request: Object.keys(event.request),
    response: Object.keys(event.response),
  });

  it.each([
    [
      "PreSignUp_SignUp",
      0,
      ["userAttributes", "validationData", "clientMetadata"],
      ["autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"],
    ],
    [
      "PreSignUp_SignUp",
      1,
      ["userAttributes", "validationData"],
      ["autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"],
    ],
    [
      "PreSignUp_AdminCreateUser",
      0,
      ["userAttributes", "validationData"],
      ["autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"],
    ],
    ["PreAuthentication_Authentication", 0, ["userAttributes", "validationData"], []],
    ["PreAuthentication_Authentication", 1, ["userAttributes", "userNotFound"], []],
    [
      "DefineAuthChallenge_Authentication",
      0,
      ["userAttributes", "session"],
      ["challengeName", "issueTokens", "failAuthentication"],
    ],
    [
      "DefineAuthChallenge_Authentication",
      1,
      ["userAttributes", "session", "clientMetadata"],
      ["challengeName", "issueTokens", "failAuthentication"],
    ],
    [
      "DefineAuthChallenge_Authentication",
      3,
      ["userAttributes", "session", "userNotFound"],
      ["challengeName", "issueTokens", "failAuthentication"],
    ],
    [
      "CreateAuthChallenge_Authentication",
      0,
      ["userAttributes", "challengeName", "session"],
      ["publicChallengeParameters", "privateChallengeParameters", "challengeMetadata"],
    ],
    [
      "CreateAuthChallenge_Authentication",
      1,
      ["userAttributes", "challengeName", "session", "clientMetadata"],
      ["publicChallengeParameters", "privateChallengeParameters", "challengeMetadata"],
    ],
    [
      "CreateAuthChallenge_Authentication",
      2,
      ["userAttributes", "challengeName", "session", "userNotFound"],
      ["publicChallengeParameters", "privateChallengeParameters", "challengeMetadata"],
    ],
    [
      "VerifyAuthChallengeResponse_Authentication",
      0,
      ["userAttributes", "privateChallengeParameters", "challengeAnswer", "clientMetadata"],
      ["answerCorrect"],
    ],
    ["PostAuthentication_Authentication", 0, ["userAttributes", "newDeviceUsed", "clientMetadata"], []],
    [
      "TokenGeneration_Authentication",
      0,
      ["userAttributes", "groupConfiguration", "clientMetadata"],
      ["claimsOverrideDetails"],
    ],
    ["TokenGeneration_RefreshTokens", 0, ["userAttributes", "groupConfiguration"], ["claimsOverrideDetails"]],
  ] as const)("%s #%i has AWS's fields", (source, index, request, response) => {
    const event = only(source, index);
    expect(shape(event)).toEqual({ top: topLevel, request, response });
    expect(event).toMatchObject({ version: "1", region, userPoolId, triggerSource: source });
    expect(Object.keys(event.callerContext)).toEqual(["awsSdkVersion", "clientId"]);
    expect(event.callerContext.awsSdkVersion).toMatch(/^aws-sdk-js-\d+\.\d+\.\d+$/);
    for (const value of Object.values(event.request.userAttributes)) expect(typeof value).toBe("string");
  });

  it("describe an existing user with all its attributes and status, under its UUID username", () => {
    const event = only("DefineAuthChallenge_Authentication");
    expect(event.userName).toBe(username);
    expect(event.callerContext.clientId).toBe(clientId);
    expect(event.request.userAttributes).toEqual({
      sub: username,
      email_verified: "true",
      "cognito:user_status": "FORCE_CHANGE_PASSWORD",
      "cognito:email_alias": "events@example.com",
      email: "events@example.com",
    });
  });

  it("start with Cognito's initial response values", () => {
    expect(only("DefineAuthChallenge_Authentication").response).toEqual({
      challengeName: undefined,
      issueTokens: false,
      failAuthentication: false,
    });
    expect(only("CreateAuthChallenge_Authentication").response).toEqual({
      publicChallengeParameters: {},
      privateChallengeParameters: {},
      challengeMetadata: "",
    });
    expect(only("VerifyAuthChallengeResponse_Authentication").response).toEqual({ answerCorrect: false });
    expect(only("TokenGeneration_Authentication").request).toMatchObject({
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: undefined },
    });
  });

  it("give PreSignUp only the supplied attributes, before the user exists", () => {
    const event = only("PreSignUp_SignUp");
    expect(event.request).toEqual({
      userAttributes: { email: "signup@example.com" },
      validationData: { captcha: "ok" },
      clientMetadata: { via: "signup" },
    });
  });

  it("give Verify the private parameters, the answer and the unknown user's typed name", () => {
    const verify = only("VerifyAuthChallengeResponse_Authentication");
    expect(verify.request).toMatchObject({
      privateChallengeParameters: { answer: rightAnswer },
      challengeAnswer: "wrong",
    });
    const unknown = only("DefineAuthChallenge_Authentication", 3);
    expect(unknown).toMatchObject({ userName: "who@example.com", request: { userAttributes: {}, userNotFound: true } });
  });
});
