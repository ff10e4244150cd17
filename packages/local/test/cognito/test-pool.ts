import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "vitest";
import {
  type CognitoEmail,
  type CognitoEmulator,
  type CognitoEmulatorOptions,
  type CognitoTriggers,
  startCognitoEmulator,
} from "../../src/cognito/index.ts";
import { EventLog, recordingTriggers, rightAnswer } from "./test-triggers.ts";

export const region = "eu-west-1";
export const userPoolId = "eu-west-1_LocalPool";
export const clientId = "localclient000000000000000";

export interface TestPool {
  emulator: CognitoEmulator;
  client: CognitoIdentityProviderClient;
  log: EventLog;
  /** Every email the pool sent, oldest first. */
  mail: CognitoEmail[];
  /** The code in the newest email to `to`. */
  lastCode(to: string): string;
  /** Moves the emulator's clock forward. */
  advance(seconds: number): void;
  /** An admin-created user with a verified email, the way the api creates users; returns the username. */
  createUser(email: string): Promise<string>;
  /** InitiateAuth then one right answer: the AuthenticationResult. */
  signIn(
    login: string,
    clientMetadata?: Record<string, string>,
  ): Promise<{ AccessToken: string; IdToken: string; RefreshToken: string }>;
  close(): Promise<void>;
}

export async function startTestPool(
  options: { triggers?: CognitoTriggers } & Partial<CognitoEmulatorOptions> = {},
): Promise<TestPool> {
  const log = new EventLog();
  const mail: CognitoEmail[] = [];
  let clock = Date.now();
  const emulator = await startCognitoEmulator({
    region,
    userPoolId,
    clientIds: [clientId],
    now: () => clock,
    sendEmail: async (email) => void mail.push(email),
    ...options,
    triggers: { ...recordingTriggers(log), ...options.triggers },
  });
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint: emulator.url,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return {
    emulator,
    client,
    log,
    mail,
    lastCode(to) {
      const text = mail.filter((email) => email.to === to).at(-1)?.text ?? "";
      const code = /\b(\d{6})\b/.exec(text)?.[1];
      if (code === undefined) throw new Error(`no code was mailed to ${to}`);
      return code;
    },
    advance: (seconds) => {
      clock += seconds * 1000;
    },
    async createUser(email) {
      const { User } = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          MessageAction: "SUPPRESS",
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
      if (User?.Username === undefined) throw new Error("AdminCreateUser returned no username");
      return User.Username;
    },
    async signIn(login, clientMetadata) {
      const challenge = await client.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: login } }),
      );
      const result = await client.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "CUSTOM_CHALLENGE",
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: challenge.ChallengeParameters?.USERNAME ?? login, ANSWER: rightAnswer },
          ClientMetadata: clientMetadata,
        }),
      );
      const { AccessToken, IdToken, RefreshToken } = result.AuthenticationResult ?? {};
      if (!AccessToken || !IdToken || !RefreshToken) throw new Error("sign-in returned no tokens");
      return { AccessToken, IdToken, RefreshToken };
    },
    async close() {
      client.destroy();
      await emulator.close();
    },
  };
}

/** Asserts a Cognito error the way a client sees it: the exception name and the exact message. */
export async function expectCognitoError(promise: Promise<unknown>, name: string, message: string) {
  await expect(promise).rejects.toMatchObject({ name, message });
}

/** The claims of a JWT, unverified: for looking at what the emulator put in. */
export function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}
