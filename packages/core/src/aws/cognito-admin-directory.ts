import {
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import { normalizeEmail } from "../normalize-email.ts";
import type { AdminDirectory, PoolAccount } from "../ports.ts";
import { attribute, MAX_USERNAME_LENGTH, poolUser } from "./pool-user.ts";

/**
 * The user pool for the admin API, over Cognito's admin calls: AdminGetUser, which finds a user by
 * username or by any alias (the email, a username attribute, among them), and AdminUserGlobalSignOut.
 * Kept apart from cognitoDirectory so that only the admin function's code holds the sign-out call,
 * and only its role may make it.
 */
export function cognitoAdminDirectory(client: CognitoIdentityProviderClient, userPoolId: string): AdminDirectory {
  async function get(name: string): Promise<AdminGetUserCommandOutput | undefined> {
    if (name.length > MAX_USERNAME_LENGTH) return undefined;
    try {
      return await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: name }));
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  return {
    async getUser(username) {
      const user = await get(username);
      // AdminGetUser also resolves an alias: only the account whose username this is will do.
      if (!user?.Username || user.Username.toLowerCase() !== username.toLowerCase()) return undefined;
      return account(user);
    },
    async findByEmail(email) {
      const login = normalizeEmail(email);
      const user = await get(login);
      const stored = attribute(user?.UserAttributes, "email");
      if (!user?.Username || stored === undefined || normalizeEmail(stored) !== login) return undefined;
      return account(user);
    },
    async signOutEverywhere(username) {
      try {
        await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
        return true;
      } catch (error) {
        if (error instanceof UserNotFoundException) return false;
        throw error;
      }
    },
  };
}

function account(user: AdminGetUserCommandOutput): PoolAccount {
  return {
    ...poolUser(user.Username ?? "", user.UserAttributes),
    enabled: user.Enabled !== false,
    status: user.UserStatus ?? "UNKNOWN",
  };
}
