import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  ListUsersCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientId, expectCognitoError, region, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("admin and user-management operations", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool({
      triggers: {
        preSignUp: async (event) => {
          pool.log.record(event);
          const trusted = event.request.userAttributes.email?.endsWith("@trusted.example") === true;
          event.response.autoConfirmUser = trusted;
          event.response.autoVerifyEmail = trusted;
          return event;
        },
      },
    });
  });
  afterAll(() => pool.close());

  const getUser = (username: string) =>
    pool.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  const attribute = (attributes: { Name?: string; Value?: string }[] | undefined, name: string) =>
    attributes?.find((a) => a.Name === name)?.Value;

  it("AdminCreateUser makes a UUID username, FORCE_CHANGE_PASSWORD, email as given", async () => {
    const { User } = await pool.client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: "Mixed.Case@example.com",
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: "Mixed.Case@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      }),
    );
    expect(User?.Username).toMatch(uuid);
    expect(User).toMatchObject({ Enabled: true, UserStatus: "FORCE_CHANGE_PASSWORD" });
    expect(User?.UserCreateDate).toBeInstanceOf(Date);
    expect(attribute(User?.Attributes, "sub")).toBe(User?.Username);
    expect(attribute(User?.Attributes, "email")).toBe("Mixed.Case@example.com");
    const [preSignUp] = pool.log.of("PreSignUp_AdminCreateUser");
    expect(preSignUp?.userName).toBe(User?.Username);
    expect(preSignUp?.callerContext.clientId).toBe("CLIENT_ID_NOT_APPLICABLE");
  });

  it("keeps emails unique without regard to case", async () => {
    await pool.createUser("unique@example.com");
    await expectCognitoError(
      pool.createUser("UNIQUE@example.com"),
      "UsernameExistsException",
      "An account with the given email already exists.",
    );
    await expectCognitoError(
      pool.client.send(
        new SignUpCommand({ ClientId: clientId, Username: "Unique@Example.com", Password: "x1!Abcdef" }),
      ),
      "UsernameExistsException",
      "An account with the given email already exists.",
    );
  });

  it("requires an email or a phone number as Username", async () => {
    await expectCognitoError(
      pool.createUser("not-an-email"),
      "InvalidParameterException",
      "Username should be either an email or a phone number.",
    );
  });

  it("AdminGetUser finds a user by username or by email", async () => {
    const username = await pool.createUser("find@example.com");
    for (const login of [username, "FIND@example.com"]) {
      const user = await getUser(login);
      expect(user).toMatchObject({ Username: username, Enabled: true, UserStatus: "FORCE_CHANGE_PASSWORD" });
      expect(attribute(user.UserAttributes, "email_verified")).toBe("true");
    }
    await expectCognitoError(getUser("missing@example.com"), "UserNotFoundException", "User does not exist.");
  });

  it("AdminUpdateUserAttributes sets attributes; a new email is unverified and must be free", async () => {
    const username = await pool.createUser("before@example.com");
    await pool.createUser("taken@example.com");
    await pool.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: username,
        UserAttributes: [
          { Name: "name", Value: "Before" },
          { Name: "email", Value: "after@example.com" },
        ],
      }),
    );
    const user = await getUser("after@example.com");
    expect(user.Username).toBe(username);
    expect(attribute(user.UserAttributes, "name")).toBe("Before");
    expect(attribute(user.UserAttributes, "email_verified")).toBe("false");
    await expectCognitoError(getUser("before@example.com"), "UserNotFoundException", "User does not exist.");
    await expectCognitoError(
      pool.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: [{ Name: "email", Value: "Taken@example.com" }],
        }),
      ),
      "AliasExistsException",
      "An account with the given email already exists.",
    );
  });

  it("AdminDisableUser shows in AdminGetUser; AdminDeleteUser removes the user", async () => {
    const username = await pool.createUser("lifecycle@example.com");
    await pool.client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
    expect((await getUser(username)).Enabled).toBe(false);
    await pool.client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
    await expectCognitoError(getUser(username), "UserNotFoundException", "User does not exist.");
  });

  it("ListUsers filters by email (any case) and by sub, and pages with Limit", async () => {
    const username = await pool.createUser("listed@example.com");
    const byEmail = await pool.client.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email = "Listed@Example.com"', Limit: 1 }),
    );
    expect(byEmail.Users?.map((u) => u.Username)).toEqual([username]);
    const bySub = await pool.client.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: `sub = "${username}"` }),
    );
    expect(bySub.Users?.map((u) => u.Username)).toEqual([username]);
    const none = await pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: 'email = "x@y.z"' }));
    expect(none.Users).toEqual([]);

    const all = await pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId }));
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await pool.client.send(
        new ListUsersCommand({ UserPoolId: userPoolId, Limit: 2, PaginationToken: token }),
      );
      expect(page.Users?.length).toBeLessThanOrEqual(2);
      paged.push(...(page.Users ?? []).map((u) => u.Username ?? ""));
      token = page.PaginationToken;
    } while (token);
    expect(paged).toEqual(all.Users?.map((u) => u.Username));
    await expectCognitoError(
      pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: "email = unquoted" })),
      "InvalidParameterException",
      "Error while parsing filter.",
    );
    const long = `email = "${"a".repeat(240)}@example.com"`;
    await expectCognitoError(
      pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: long })),
      "InvalidParameterException",
      "1 validation error detected: Value at 'filter' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });

  it("ListUsers matches username and status with case and every other attribute without, as documented", async () => {
    const username = await pool.createUser("cased@example.com");
    const listed = async (filter: string) =>
      (await pool.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: filter }))).Users?.map(
        (u) => u.Username,
      ) ?? [];
    expect(await listed(`username = "${username.toUpperCase()}"`)).toEqual([]);
    expect(await listed(`username = "${username}"`)).toEqual([username]);
    expect(await listed('status = "enabled"')).toEqual([]);
    expect(await listed('status = "Enabled"')).toContain(username);
    expect(await listed('cognito:user_status = "force_change_password"')).toContain(username);
    expect(await listed('email ^= "CASED@"')).toEqual([username]);
  });

  it("SignUp leaves a user UNCONFIRMED unless PreSignUp confirms it", async () => {
    const plain = await pool.client.send(
      new SignUpCommand({ ClientId: clientId, Username: "plain@example.com", Password: "x1!Abcdef" }),
    );
    expect(plain).toMatchObject({ UserConfirmed: false, UserSub: expect.stringMatching(uuid) });
    expect((await getUser(plain.UserSub ?? "")).UserStatus).toBe("UNCONFIRMED");

    const trusted = await pool.client.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "someone@trusted.example",
        Password: "x1!Abcdef",
        ClientMetadata: { source: "test" },
      }),
    );
    expect(trusted.UserConfirmed).toBe(true);
    const user = await getUser("someone@trusted.example");
    expect(user.UserStatus).toBe("CONFIRMED");
    expect(attribute(user.UserAttributes, "email_verified")).toBe("true");
    const event = pool.log.of("PreSignUp_SignUp").at(-1);
    expect(event?.userName).toBe(trusted.UserSub);
    expect(event?.request.clientMetadata).toEqual({ source: "test" });
  });

  it("an UNCONFIRMED user completes the challenge but gets no tokens", async () => {
    await pool.client.send(new SignUpCommand({ ClientId: clientId, Username: "pending@example.com", Password: "x" }));
    await expectCognitoError(pool.signIn("pending@example.com"), "UserNotConfirmedException", "User is not confirmed.");
  });

  it("refuses admin calls that aren't signed", async () => {
    // A signer that leaves requests as they are: what a caller without IAM credentials sends.
    const unsigned = new CognitoIdentityProviderClient({
      region,
      endpoint: pool.emulator.url,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      signer: { sign: async (request) => request },
      maxAttempts: 1,
    });
    try {
      await expectCognitoError(
        unsigned.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "anyone@example.com" })),
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
      );
      const { ChallengeName } = await unsigned.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "CUSTOM_AUTH",
          AuthParameters: { USERNAME: "a@b.co" },
        }),
      );
      expect(ChallengeName).toBe("CUSTOM_CHALLENGE");
    } finally {
      unsigned.destroy();
    }
  });

  it("refuses another user pool", async () => {
    await expectCognitoError(
      pool.client.send(new AdminGetUserCommand({ UserPoolId: "eu-west-1_Other", Username: "a@example.com" })),
      "ResourceNotFoundException",
      "User pool eu-west-1_Other does not exist.",
    );
  });
});
