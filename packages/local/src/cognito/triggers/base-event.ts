import type { CallerInfo } from "../caller.ts";
import type { PoolContext } from "../pool-context.ts";

/** Who a trigger event is about and which app client asked. */
export interface TriggerSubject {
  clientId: string;
  userName: string;
}

/** Admin operations run without an app client; Cognito says so in callerContext. */
export const noClient = "CLIENT_ID_NOT_APPLICABLE";

/** The fields Cognito puts in every trigger event, in its order. */
export function baseEvent<T extends string>(
  ctx: PoolContext,
  caller: CallerInfo,
  subject: TriggerSubject,
  triggerSource: T,
) {
  return {
    version: "1",
    region: ctx.region,
    userPoolId: ctx.userPoolId,
    userName: subject.userName,
    callerContext: { awsSdkVersion: caller.awsSdkVersion, clientId: subject.clientId },
    triggerSource,
  };
}

/** clientMetadata appears in a request only when the API call carried some. */
export const withClientMetadata = (clientMetadata: Record<string, string> | undefined) =>
  clientMetadata === undefined ? {} : { clientMetadata };

/** userNotFound appears only for an unknown user (PreventUserExistenceErrors is ENABLED). */
export const withUserNotFound = (userNotFound: boolean) => (userNotFound ? { userNotFound: true } : {});
