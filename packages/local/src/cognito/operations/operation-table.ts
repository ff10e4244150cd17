import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";
import { adminCreateUser } from "./admin-create-user.ts";
import { adminDeleteUser } from "./admin-delete-user.ts";
import { adminDisableUser } from "./admin-disable-user.ts";
import { adminEnableUser } from "./admin-enable-user.ts";
import { adminGetUser } from "./admin-get-user.ts";
import { adminUpdateUserAttributes } from "./admin-update-user-attributes.ts";
import { adminUserGlobalSignOut } from "./admin-user-global-sign-out.ts";
import { getTokensFromRefreshToken } from "./get-tokens-from-refresh-token.ts";
import { getUser } from "./get-user.ts";
import { getUserAttributeVerificationCode } from "./get-user-attribute-verification-code.ts";
import { globalSignOut } from "./global-sign-out.ts";
import { initiateAuth } from "./initiate-auth.ts";
import type { Input } from "./input.ts";
import { listUsers } from "./list-users.ts";
import { respondToAuthChallenge } from "./respond-to-auth-challenge.ts";
import { revokeToken } from "./revoke-token.ts";
import { signUp } from "./sign-up.ts";
import { updateUserAttributes } from "./update-user-attributes.ts";
import { verifyUserAttribute } from "./verify-user-attribute.ts";

export interface Operation {
  /** Admin operations need IAM credentials (a SigV4 signature); user operations are public. */
  admin: boolean;
  run: (ctx: PoolContext, input: Input, caller: CallerInfo) => Promise<object>;
}

/** The X-Amz-Target operation names this emulator answers. */
export const operations: Readonly<Record<string, Operation>> = {
  SignUp: { admin: false, run: signUp },
  InitiateAuth: { admin: false, run: initiateAuth },
  RespondToAuthChallenge: { admin: false, run: respondToAuthChallenge },
  GetTokensFromRefreshToken: { admin: false, run: getTokensFromRefreshToken },
  GetUser: { admin: false, run: getUser },
  UpdateUserAttributes: { admin: false, run: updateUserAttributes },
  GetUserAttributeVerificationCode: { admin: false, run: getUserAttributeVerificationCode },
  VerifyUserAttribute: { admin: false, run: verifyUserAttribute },
  RevokeToken: { admin: false, run: revokeToken },
  GlobalSignOut: { admin: false, run: globalSignOut },
  AdminCreateUser: { admin: true, run: adminCreateUser },
  AdminGetUser: { admin: true, run: adminGetUser },
  AdminUpdateUserAttributes: { admin: true, run: adminUpdateUserAttributes },
  AdminDisableUser: { admin: true, run: adminDisableUser },
  AdminEnableUser: { admin: true, run: adminEnableUser },
  AdminDeleteUser: { admin: true, run: adminDeleteUser },
  AdminUserGlobalSignOut: { admin: true, run: adminUserGlobalSignOut },
  ListUsers: { admin: true, run: listUsers },
};
