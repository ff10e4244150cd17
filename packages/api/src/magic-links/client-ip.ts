import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

interface LambdaEnv {
  event?: { requestContext?: { identity?: { sourceIp?: string }; http?: { sourceIp?: string } } };
}

/**
 * The address the request came from, as the platform saw it: API Gateway's sourceIp on Lambda (REST
 * or HTTP API), the socket's peer under @hono/node-server. X-Forwarded-For is never read: any client
 * can write it.
 */
export function clientIp(c: Context): string {
  const env = c.env as (LambdaEnv & { incoming?: unknown }) | undefined;
  const context = env?.event?.requestContext;
  const fromGateway = context?.identity?.sourceIp ?? context?.http?.sourceIp;
  if (fromGateway) return fromGateway;
  if (env?.incoming) return getConnInfo(c).remote.address ?? "unknown";
  // In-process requests (app.request in tests) have no peer; they share one bucket.
  return "unknown";
}
