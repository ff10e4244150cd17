import type { Context } from "hono";

interface LambdaEnv {
  event?: { requestContext?: { requestId?: string } };
  lambdaContext?: { awsRequestId?: string };
}

/**
 * The ids a request has on its platform: API Gateway's (the one its access log and the
 * apigw-requestid header carry) and the Lambda invocation's. The local stack has neither.
 */
export function requestIds(c: Context): { requestId: string | undefined; lambdaRequestId: string | undefined } {
  const env = c.env as LambdaEnv | undefined;
  return { requestId: env?.event?.requestContext?.requestId, lambdaRequestId: env?.lambdaContext?.awsRequestId };
}
