import {
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startTestPool } from "@latchkey/testkit/cognito-pool";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminDirectory } from "../ports.ts";
import { cognitoAdminDirectory } from "./cognito-admin-directory.ts";

/** The admin directory over the Cognito emulator. */
let pool: Awaited<ReturnType<typeof startTestPool>>;
let directory: AdminDirectory;
beforeAll(async () => {
  pool = await startTestPool();
  directory = cognitoAdminDirectory(pool.admin, pool.userPoolId);
});
afterAll(() => pool.close());

let count = 0;
const newEmail = (name: string) => `${name}-${++count}@example.com`;

async function adminCreated(email: string, verified: boolean) {
  const { User } = await pool.admin.send(
    new AdminCreateUserCommand({
      UserPoolId: pool.userPoolId,
      Username: email,
      MessageAction: "SUPPRESS",
      UserAttributes: [
        { Name: "email", Value: email },
        ...(verified ? [{ Name: "email_verified", Value: "true" }] : []),
      ],
    }),
  );
  return User?.Username ?? "";
}

describe("cognitoAdminDirectory", () => {
  it("gets an account by its username, disabled or unverified too, with its state", async () => {
    const email = newEmail("state");
    const username = await adminCreated(email, false);
    await pool.disableUser(username);
    expect(await directory.getUser(username)).toEqual({
      username,
      email,
      emailVerified: false,
      phoneNumber: undefined,
      phoneNumberVerified: false,
      enabled: false,
      status: "FORCE_CHANGE_PASSWORD",
    });
    expect(await directory.getUser(username.toUpperCase())).toMatchObject({ username });
  });

  it("takes no alias for a username, and knows no unknown one", async () => {
    const email = newEmail("alias");
    await adminCreated(email, true);
    expect(await directory.getUser(email)).toBeUndefined();
    expect(await directory.getUser("00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await directory.getUser("x".repeat(129))).toBeUndefined();
  });

  it("finds an account by its email whatever the case, verified or not, and no account by another's", async () => {
    const stored = `Mixed-${++count}@Example.com`;
    const username = await adminCreated(stored, false);
    for (const typed of [stored, stored.toLowerCase(), ` ${stored.toUpperCase()} `]) {
      expect(await directory.findByEmail(typed)).toMatchObject({ username, email: stored, emailVerified: false });
    }
    expect(await directory.findByEmail(newEmail("nobody"))).toBeUndefined();
    expect(await directory.findByEmail(`${"x".repeat(130)}@example.com`)).toBeUndefined();
  });

  it("finds by email only the account whose email it is, not one the name resolves to otherwise", async () => {
    const username = await adminCreated(newEmail("phone"), true);
    const phoneNumber = `+4477009${String(++count).padStart(5, "0")}`;
    await pool.admin.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool.userPoolId,
        Username: username,
        UserAttributes: [{ Name: "phone_number", Value: phoneNumber }],
      }),
    );
    expect(await directory.getUser(username)).toMatchObject({ phoneNumber, phoneNumberVerified: false });
    expect(await directory.findByEmail(phoneNumber)).toBeUndefined();
    expect(await directory.findByEmail(username)).toBeUndefined();
  });

  it("signs a user out everywhere: their access tokens and refresh tokens stop working", async () => {
    const username = await adminCreated(newEmail("signed-out"), true);
    const sessions = [await pool.signIn(username), await pool.signIn(username)];
    expect(await directory.signOutEverywhere(username)).toBe(true);
    for (const { accessToken } of sessions) {
      await expect(pool.admin.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toThrow(
        "Access Token has been revoked",
      );
    }
    expect(await directory.signOutEverywhere("00000000-0000-4000-8000-000000000000")).toBe(false);
  });

  it("throws when Cognito cannot be reached, rather than answering for the pool", async () => {
    const unreachable = new CognitoIdentityProviderClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    try {
      const offline = cognitoAdminDirectory(unreachable, pool.userPoolId);
      await expect(offline.getUser("someone")).rejects.toThrow();
      await expect(offline.signOutEverywhere("someone")).rejects.toThrow();
    } finally {
      unreachable.destroy();
    }
  });
});
