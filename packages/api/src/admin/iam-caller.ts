import type { MiddlewareHandler } from "hono";
import { AdminError } from "./admin-error.ts";

/** Who made an admin request, as API Gateway's IAM authorizer verified their SigV4 signature. */
export interface IamCaller {
  /** The principal: an IAM user or role session ARN. */
  userArn: string;
  accountId: string;
  accessKey: string;
  /** API Gateway's request ID, which its access log line carries too. */
  requestId: string | undefined;
}

export type AdminEnv = { Variables: { caller: IamCaller } };

interface LambdaEnv {
  event?: {
    requestContext?: {
      requestId?: unknown;
      authorizer?: { iam?: { userArn?: unknown; accountId?: unknown; accessKey?: unknown } };
    };
  };
}

/**
 * Refuses, with 403 FORBIDDEN, a request whose API Gateway event carries no IAM caller: one that did
 * not pass the AWS_IAM authorizer (a route declared without it, an invocation from elsewhere). Every
 * route is IAM-authorized in API Gateway already; this check keeps it so should that ever change.
 * The local stack's gateway verifies SigV4 itself and hands on the same event.
 */
export const requireIamCaller: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const context = (c.env as LambdaEnv | undefined)?.event?.requestContext;
  const { userArn, accountId, accessKey } = context?.authorizer?.iam ?? {};
  if (typeof userArn !== "string" || typeof accountId !== "string" || typeof accessKey !== "string" || !userArn) {
    throw new AdminError("FORBIDDEN", "The admin API takes only IAM-authorized (SigV4-signed) requests.");
  }
  const requestId = typeof context?.requestId === "string" ? context.requestId : undefined;
  c.set("caller", { userArn, accountId, accessKey, requestId });
  await next();
};
