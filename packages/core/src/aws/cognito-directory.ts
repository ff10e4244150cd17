import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AliasExistsException,
  type CognitoIdentityProviderClient,
  GetUserCommand,
  NotAuthorizedException,
  PasswordResetRequiredException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";
import { accountRefusal } from "../account-refusal.ts";
import { normalizeEmail } from "../normalize-email.ts";
import type { UserDirectory } from "../ports.ts";
import { attribute, MAX_USERNAME_LENGTH, poolUser } from "./pool-user.ts";

/** What Cognito answers for a token it no longer accepts (GetUser's documented refusals). */
const refusedToken = (error: unknown) =>
  error instanceof NotAuthorizedException ||
  error instanceof UserNotFoundException ||
  error instanceof UserNotConfirmedException ||
  error instanceof PasswordResetRequiredException;

/**
 * The user pool as a UserDirectory, over the Cognito API. An address is looked up with AdminGetUser,
 * which resolves the pool's username attribute (email) the way sign-in does: without case in a
 * case-insensitive pool, so accounts stored in mixed case are found too, and never by an address that
 * is only pending. (ListUsers' `email =` filter is documented both ways about case, and its quota is
 * a quarter of AdminGetUser's.) A phone number is looked up the same way, the pool having phone_number
 * as a username attribute beside email. A found account counts only if it may sign in, by the
 * attribute it was found by. An access token is checked with GetUser, which the token itself authorizes.
 */
export function cognitoDirectory(client: CognitoIdentityProviderClient, userPoolId: string): UserDirectory {
  return {
    async findByEmail(email) {
      const login = normalizeEmail(email);
      if (login.length > MAX_USERNAME_LENGTH) return undefined;
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: login }));
        const stored = attribute(user.UserAttributes, "email");
        const state = { status: user.UserStatus, emailVerified: attribute(user.UserAttributes, "email_verified") };
        // The username itself is an opaque UUID; only the account whose email this is will do.
        if (!user.Username || stored === undefined || normalizeEmail(stored) !== login) return undefined;
        if (user.Enabled === false || accountRefusal(state, "email")) return undefined;
        return { username: user.Username, email: stored };
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
    },
    async createUser(email) {
      const address = normalizeEmail(email);
      if (address.length > MAX_USERNAME_LENGTH) return undefined;
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: address,
            MessageAction: "SUPPRESS",
            UserAttributes: [
              { Name: "email", Value: address },
              { Name: "email_verified", Value: "true" },
            ],
          }),
        );
        if (!User?.Username) throw new Error("AdminCreateUser returned no user");
        return { username: User.Username, email: address };
      } catch (error) {
        if (error instanceof UsernameExistsException) return undefined;
        throw error;
      }
    },
    async findByPhoneNumber(phoneNumber) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: phoneNumber }));
        const stored = attribute(user.UserAttributes, "phone_number");
        const state = {
          status: user.UserStatus,
          emailVerified: attribute(user.UserAttributes, "email_verified"),
          phoneNumberVerified: attribute(user.UserAttributes, "phone_number_verified"),
        };
        // E.164 has one spelling: only the account holding exactly this number will do.
        if (!user.Username || stored !== phoneNumber) return undefined;
        if (user.Enabled === false || accountRefusal(state, "phone_number")) return undefined;
        return { username: user.Username, phoneNumber: stored };
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
    },
    async createPhoneUser(phoneNumber) {
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: phoneNumber,
            MessageAction: "SUPPRESS",
            UserAttributes: [
              { Name: "phone_number", Value: phoneNumber },
              { Name: "phone_number_verified", Value: "true" },
            ],
          }),
        );
        if (!User?.Username) throw new Error("AdminCreateUser returned no user");
        return { username: User.Username, phoneNumber };
      } catch (error) {
        if (error instanceof UsernameExistsException || error instanceof AliasExistsException) return undefined;
        throw error;
      }
    },
    async userByAccessToken(accessToken) {
      try {
        const user = await client.send(new GetUserCommand({ AccessToken: accessToken }));
        return user.Username ? poolUser(user.Username, user.UserAttributes) : undefined;
      } catch (error) {
        if (refusedToken(error)) return undefined;
        throw error;
      }
    },
  };
}
