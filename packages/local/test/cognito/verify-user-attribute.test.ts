import {
  AdminUpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { expectCognitoError, startTestPool, type TestPool, userPoolId } from "./test-pool.ts";

const mismatch = ["CodeMismatchException", "Invalid verification code provided, please try again."] as const;
const expired = ["ExpiredCodeException", "Invalid code provided, please request a code again."] as const;

/** Email verification codes: GetUserAttributeVerificationCode sends one, VerifyUserAttribute redeems it. */
describe("email verification codes", () => {
  let pool: TestPool;

  beforeAll(async () => {
    pool = await startTestPool();
  });
  afterAll(() => pool.close());

  const sendCode = (accessToken: string, attribute = "email") =>
    pool.client.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: attribute }),
    );
  const verify = (accessToken: string, code: string, attribute = "email") =>
    pool.client.send(
      new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: attribute, Code: code }),
    );
  const emailVerified = async (accessToken: string) => {
    const { UserAttributes } = await pool.client.send(new GetUserCommand({ AccessToken: accessToken }));
    return UserAttributes?.find((a) => a.Name === "email_verified")?.Value;
  };
  /** A signed-in user whose email was just changed to `email`, so it awaits verification. */
  async function unverified(email: string) {
    const tokens = await pool.signIn(await pool.createUser(`old-${email}`));
    await pool.client.send(
      new UpdateUserAttributesCommand({
        AccessToken: tokens.AccessToken,
        UserAttributes: [{ Name: "email", Value: email }],
      }),
    );
    return tokens;
  }
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  it("the emailed code verifies the new address, once", async () => {
    const { AccessToken } = await unverified("verify-me@example.com");
    expect(await emailVerified(AccessToken)).toBe("false");
    const code = pool.lastCode("verify-me@example.com");
    expect(await verify(AccessToken, code)).toMatchObject({});
    expect(await emailVerified(AccessToken)).toBe("true");
    await expectCognitoError(verify(AccessToken, code), ...expired);
  });

  it("a wrong code is refused and leaves the right one usable", async () => {
    const { AccessToken } = await unverified("wrong-code@example.com");
    const code = pool.lastCode("wrong-code@example.com");
    await expectCognitoError(verify(AccessToken, wrongCode(code)), ...mismatch);
    expect(await emailVerified(AccessToken)).toBe("false");
    await verify(AccessToken, code);
    expect(await emailVerified(AccessToken)).toBe("true");
  });

  it("a new code replaces the last one", async () => {
    const { AccessToken } = await unverified("resend@example.com");
    const first = pool.lastCode("resend@example.com");
    const { CodeDeliveryDetails } = await sendCode(AccessToken);
    expect(CodeDeliveryDetails).toEqual({ AttributeName: "email", DeliveryMedium: "EMAIL", Destination: "r***@e***" });
    const second = pool.lastCode("resend@example.com");
    // One time in a million the new code happens to equal the old one.
    if (second !== first) await expectCognitoError(verify(AccessToken, first), ...mismatch);
    await verify(AccessToken, second);
    expect(await emailVerified(AccessToken)).toBe("true");
  });

  it("a code is good for 24 hours", async () => {
    const { AccessToken } = await unverified("late@example.com");
    const code = pool.lastCode("late@example.com");
    pool.advance(24 * 3600);
    const fresh = await pool.signIn("late@example.com");
    await expectCognitoError(verify(fresh.AccessToken, code), ...expired);
    await expectCognitoError(verify(AccessToken, code), "NotAuthorizedException", "Access Token has expired");
    expect(await emailVerified(fresh.AccessToken)).toBe("false");
  });

  it("a code verifies only the address it was sent to", async () => {
    const { AccessToken } = await unverified("first-address@example.com");
    const code = pool.lastCode("first-address@example.com");
    const { sub } = JSON.parse(Buffer.from(AccessToken.split(".")[1] ?? "", "base64url").toString());
    await pool.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: sub,
        UserAttributes: [{ Name: "email", Value: "second-address@example.com" }],
      }),
    );
    await expectCognitoError(verify(AccessToken, code), ...mismatch);
    expect(await emailVerified(AccessToken)).toBe("false");
  });

  it("with no code sent, any code asks for one", async () => {
    const { AccessToken } = await pool.signIn(await pool.createUser("never-sent@example.com"));
    await expectCognitoError(verify(AccessToken, "123456"), ...expired);
  });

  it("only email is verified in this pool", async () => {
    const { AccessToken } = await pool.signIn(await pool.createUser("phone@example.com"));
    for (const call of [sendCode(AccessToken, "phone_number"), verify(AccessToken, "123456", "phone_number")]) {
      await expectCognitoError(
        call,
        "InvalidParameterException",
        "Attribute phone_number is not verified by this user pool.",
      );
    }
  });

  it("both need a valid access token", async () => {
    const { AccessToken, IdToken } = await unverified("token-checks@example.com");
    const code = pool.lastCode("token-checks@example.com");
    for (const token of [IdToken, "not-a-token"]) {
      await expectCognitoError(sendCode(token), "NotAuthorizedException", "Invalid Access Token");
      await expectCognitoError(verify(token, code), "NotAuthorizedException", "Invalid Access Token");
    }
    await pool.client.send(new GlobalSignOutCommand({ AccessToken }));
    await expectCognitoError(sendCode(AccessToken), "NotAuthorizedException", "Access Token has been revoked");
    await expectCognitoError(verify(AccessToken, code), "NotAuthorizedException", "Access Token has been revoked");
    const fresh = await pool.signIn("token-checks@example.com");
    expect(await emailVerified(fresh.AccessToken)).toBe("false");
  });
});

describe("a pool that cannot send email", () => {
  const undelivered = ["CodeDeliveryFailureException", "Unable to deliver the verification code."] as const;

  /** Changes the email of a new user, then asks for another code: both report the code undelivered. */
  async function changeEmail(pool: TestPool) {
    const { AccessToken } = await pool.signIn(await pool.createUser("no-mail@example.com"));
    await expectCognitoError(
      pool.client.send(
        new UpdateUserAttributesCommand({
          AccessToken,
          UserAttributes: [{ Name: "email", Value: "no-mail-new@example.com" }],
        }),
      ),
      ...undelivered,
    );
    await expectCognitoError(
      pool.client.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: "email" })),
      ...undelivered,
    );
    const { UserAttributes } = await pool.client.send(new GetUserCommand({ AccessToken }));
    return UserAttributes;
  }
  const changed = expect.arrayContaining([
    { Name: "email", Value: "no-mail-new@example.com" },
    { Name: "email_verified", Value: "false" },
  ]);

  it("without a sender still applies an email change, unverified", async () => {
    const pool = await startTestPool({ sendEmail: undefined });
    try {
      expect(await changeEmail(pool)).toEqual(changed);
      expect(pool.mail).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("whose sender fails logs the failure", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const pool = await startTestPool({
      sendEmail: async () => {
        throw new Error("SES is down");
      },
    });
    try {
      expect(await changeEmail(pool)).toEqual(changed);
      expect(errors.mock.calls.map((call) => String(call[1]))).toEqual(["Error: SES is down", "Error: SES is down"]);
    } finally {
      errors.mockRestore();
      await pool.close();
    }
  });
});
