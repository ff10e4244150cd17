import { CognitoError, userNotFound } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import type { UserRecord } from "../users/user-record.ts";
import { type Input, requiredString } from "./input.ts";

/** The app client a user operation names; an unknown one is a missing resource, as in Cognito. */
export function requireClient(ctx: PoolContext, input: Input): string {
  const clientId = requiredString(input, "ClientId");
  if (!ctx.clientIds.has(clientId)) {
    throw new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  }
  return clientId;
}

/** Admin operations name the pool; this emulator serves exactly one. */
export function requirePool(ctx: PoolContext, input: Input): void {
  const userPoolId = requiredString(input, "UserPoolId");
  if (userPoolId !== ctx.userPoolId) {
    throw new CognitoError("ResourceNotFoundException", `User pool ${userPoolId} does not exist.`);
  }
}

/** Admin operations accept the username or the email, like every sign-in alias. */
export function requireUser(ctx: PoolContext, input: Input): UserRecord {
  const user = ctx.users.find(requiredString(input, "Username"));
  if (user === undefined) throw userNotFound();
  return user;
}
