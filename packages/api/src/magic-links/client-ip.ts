import type { Context } from "hono";

/**
 * The address a request came from, as the platform running the api saw it; undefined when there is
 * none. Each entry (Lambda, the local stack's Node server) injects its own. X-Forwarded-For is never
 * read: any client can write it.
 */
export type ClientIp = (c: Context) => string | undefined;

interface LambdaEnv {
  event?: { requestContext?: { identity?: { sourceIp?: string }; http?: { sourceIp?: string } } };
}

/** API Gateway's sourceIp, from the Lambda event hono/aws-lambda passes as env (REST API or HTTP API). */
export const apiGatewayClientIp: ClientIp = (c) => {
  const context = (c.env as LambdaEnv | undefined)?.event?.requestContext;
  return context?.identity?.sourceIp ?? context?.http?.sourceIp;
};
