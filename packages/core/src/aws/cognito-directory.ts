import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import type { DirectoryUser, UserDirectory } from "../ports.ts";

function attribute(attributes: AttributeType[] | undefined, name: string): string | undefined {
  return attributes?.find((a) => a.Name === name)?.Value;
}

/** Cognito refuses a longer ListUsers filter; an address that needs one cannot be looked up, nor be anyone's. */
const MAX_FILTER_LENGTH = 256;

/** Quotes a value for a ListUsers filter; the filter grammar only escapes backslash and quote. */
function filterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The user pool as a UserDirectory, over the Cognito admin API. */
export function cognitoDirectory(client: CognitoIdentityProviderClient, userPoolId: string): UserDirectory {
  return {
    async findByEmail(email) {
      const filter = `email = ${filterValue(email)}`;
      if (filter.length > MAX_FILTER_LENGTH) return undefined;
      const { Users } = await client.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: filter, Limit: 1 }));
      const user = Users?.[0];
      if (!user?.Username) return undefined;
      return {
        username: user.Username,
        email: attribute(user.Attributes, "email"),
        enabled: user.Enabled !== false,
      };
    },
    async getUser(username) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        if (!user.Username) return undefined;
        return {
          username: user.Username,
          email: attribute(user.UserAttributes, "email"),
          enabled: user.Enabled !== false,
        };
      } catch (error) {
        if (error instanceof UserNotFoundException) return undefined;
        throw error;
      }
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
      if (!User?.Username) throw new Error("AdminCreateUser returned no user");
      return { username: User.Username, email, enabled: User.Enabled !== false } satisfies DirectoryUser;
    },
  };
}
