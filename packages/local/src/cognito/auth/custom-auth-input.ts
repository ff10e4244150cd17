import { incorrectCredentials, invalidParameter, notAuthorized } from "../cognito-error.ts";
import type { PoolContext } from "../pool-context.ts";
import type { ChallengeResultEntry, CustomAuthTriggerInput } from "../triggers/define-auth-challenge-event.ts";
import { triggerUserAttributes } from "../users/trigger-user-attributes.ts";
import type { UserRecord } from "../users/user-record.ts";

/** Where a sign-in stands: who it is for and the challenge results so far (Define's `session`). */
export interface CustomAuthFlow {
  clientId: string;
  /** The real username, or what the client typed when no user matched. */
  userName: string;
  userNotFound: boolean;
  history: ChallengeResultEntry[];
}

export const customAuthNotConfigured = () =>
  invalidParameter("Custom auth lambda trigger is not configured for the user pool.");

/**
 * The user and trigger input for the next step of a flow. The user is read afresh each round, so a user
 * disabled or deleted mid-sign-in is refused rather than issued tokens.
 */
export function customAuthInput(
  ctx: PoolContext,
  flow: CustomAuthFlow,
  clientMetadata: Record<string, string> | undefined,
): { user: UserRecord | undefined; input: CustomAuthTriggerInput } {
  const user = flow.userNotFound ? undefined : ctx.users.get(flow.userName);
  if (!flow.userNotFound && user === undefined) throw incorrectCredentials();
  if (user !== undefined && !user.enabled) throw notAuthorized("User is disabled.");
  return {
    user,
    input: {
      subject: { clientId: flow.clientId, userName: flow.userName },
      userAttributes: user === undefined ? {} : triggerUserAttributes(user),
      userNotFound: flow.userNotFound,
      clientMetadata,
    },
  };
}
