import { type LatchkeyConfig, LatchkeyError } from "@latchkey/core";
import { currentInvocation, recordMetric, runInvocation } from "@latchkey/core/telemetry";
import type { ErrorCode } from "@latchkey/protocol";
import type { MiddlewareHandler } from "hono";
import { requestFlow } from "./request-flow.ts";
import { requestIds } from "./request-ids.ts";

/**
 * Runs each request as one invocation, whose closing line tells its route, status and outcome: 2xx
 * and 3xx done, 4xx refused (with the error code as its reason unless the route gave a finer one),
 * 5xx failed. It is the first middleware, so the line covers every request, CORS preflights and 404s.
 */
export function recordRequest(config: Pick<LatchkeyConfig, "metricsNamespace">): MiddlewareHandler {
  return (c, next) => {
    const { requestId, lambdaRequestId } = requestIds(c);
    const start = {
      flow: requestFlow(c.req.method, c.req.path),
      requestId,
      msg: "request",
      namespace: config.metricsNamespace,
      ...(lambdaRequestId && { fields: { lambdaRequestId } }),
    };
    return runInvocation(start, async (invocation) => {
      await next();
      const { status } = c.res;
      invocation.fields.status = status;
      invocation.outcome = status >= 500 ? "failed" : status >= 400 ? "refused" : "ok";
      const { code } = invocation.fields;
      if (invocation.outcome === "refused" && typeof code === "string") invocation.reason ??= code;
    });
  };
}

/** Notes the error code a request is answered with (onError, the one place errors become responses). */
export function recordErrorCode(code: ErrorCode): void {
  const invocation = currentInvocation();
  if (invocation) invocation.fields.code = code;
}

/**
 * The RATE_LIMITED error for a request a rate limit refused, counted as RateLimited with the limit's
 * reason ("IP rate limited"), which the request's line carries too.
 */
export function rateLimited(refusal: { reason: string; retryAfter: number }, message: string): LatchkeyError {
  const invocation = currentInvocation();
  if (invocation) invocation.reason = refusal.reason;
  recordMetric("RateLimited", { Limit: refusal.reason });
  return new LatchkeyError("RATE_LIMITED", message, { retryAfter: refusal.retryAfter });
}
