import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimsOf, expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

/** A pool whose username attributes are email and phone_number, as the CDK's is. */
describe("phone numbers as a username attribute", () => {
  let pool: TestPool;
  beforeAll(async () => {
    pool = await startTestPool();
  });
  afterAll(() => pool.close());

  let count = 0;
  const newNumber = () => `+4477009${String(++count).padStart(5, "0")}`;
  const create = (login: string, attributes: Record<string, string> = {}) =>
    pool.client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: login,
        MessageAction: "SUPPRESS",
        UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  const getUser = (login: string) =>
    pool.client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: login }));
  const attribute = (user: { UserAttributes?: { Name?: string; Value?: string }[] }, name: string) =>
    user.UserAttributes?.find((a) => a.Name === name)?.Value;

  it("AdminCreateUser takes a phone number as Username: a UUID username, the number as phone_number, no email", async () => {
    const number = newNumber();
    const { User } = await create(number, { phone_number_verified: "true" });
    const user = await getUser(number);
    expect(user.Username).toBe(User?.Username);
    expect(user.Username).not.toBe(number);
    expect(attribute(user, "phone_number")).toBe(number);
    expect(attribute(user, "phone_number_verified")).toBe("true");
    expect(attribute(user, "email")).toBeUndefined();
  });

  it("signs a phone-only user in with the number as USERNAME, the tokens naming the UUID and the number", async () => {
    const number = newNumber();
    const { User } = await create(number, { phone_number_verified: "true" });
    const { IdToken } = await pool.signIn(number);
    expect(claimsOf(IdToken)).toMatchObject({
      "cognito:username": User?.Username,
      phone_number: number,
      phone_number_verified: true,
    });
  });

  it("finds a user with both by either, and keeps each unique", async () => {
    const number = newNumber();
    const email = `both-${count}@example.com`;
    const { User } = await create(email, { email_verified: "true", phone_number: number });
    expect((await getUser(number)).Username).toBe(User?.Username);
    expect((await getUser(email)).Username).toBe(User?.Username);
    await expectCognitoError(
      create(number),
      "UsernameExistsException",
      "An account with the given phone_number already exists.",
    );
    await expectCognitoError(
      create(`other-${count}@example.com`, { phone_number: number }),
      "UsernameExistsException",
      "An account with the given phone_number already exists.",
    );
  });

  it("matches a phone number exactly, and refuses one Cognito's format rule refuses", async () => {
    const number = newNumber();
    await create(number);
    await expectCognitoError(getUser(number.slice(1)), "UserNotFoundException", "User does not exist.");
    await expectCognitoError(
      create("other@example.com", { phone_number: "+44 7700 900123" }),
      "InvalidParameterException",
      "Invalid phone number format.",
    );
    await expectCognitoError(
      create("+44-7700", {}),
      "InvalidParameterException",
      "Username should be either an email or a phone number.",
    );
    await expectCognitoError(
      create(number.replace("+4477", "+4478"), { phone_number: newNumber() }),
      "InvalidParameterException",
      "The phone_number attribute must match the Username.",
    );
  });

  it("a changed number is unverified unless the admin's call verifies it, must be free, and moves the index", async () => {
    const before = newNumber();
    const after = newNumber();
    const taken = newNumber();
    await create(taken);
    const { User } = await create(before, { phone_number_verified: "true" });
    const username = User?.Username ?? "";
    const update = (attributes: Record<string, string>) =>
      pool.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: userPoolId,
          Username: username,
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
    await update({ phone_number: after });
    expect(attribute(await getUser(after), "phone_number_verified")).toBe("false");
    await expectCognitoError(getUser(before), "UserNotFoundException", "User does not exist.");
    await update({ phone_number: before, phone_number_verified: "true" });
    expect(attribute(await getUser(before), "phone_number_verified")).toBe("true");
    await expectCognitoError(
      update({ phone_number: taken }),
      "AliasExistsException",
      "An account with the given phone_number already exists.",
    );
  });

  it("a user's own new number applies unverified", async () => {
    const number = newNumber();
    await create(number, { phone_number_verified: "true" });
    const { AccessToken } = await pool.signIn(number);
    const changed = newNumber();
    await pool.client.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [{ Name: "phone_number", Value: changed }],
      }),
    );
    expect(attribute(await getUser(changed), "phone_number_verified")).toBe("false");
  });
});
