import { isLatchkeyError, log } from "@latchkey/core";
import type { ErrorBody, ErrorCode } from "@latchkey/protocol";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { errorStatus } from "./error-status.ts";

function respond(c: Context, code: ErrorCode, message: string) {
  return c.json({ code, message } satisfies ErrorBody, errorStatus(code));
}

/** The one place errors become responses: typed errors keep their code; nothing leaks a stack. */
export const onError: ErrorHandler = (error, c) => {
  if (isLatchkeyError(error)) {
    if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
    if (errorStatus(error.code) >= 500) logError(error);
    return respond(c, error.code, error.message);
  }
  if (error instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies and the body limit.
    if (error.status === 413) return respond(c, "PAYLOAD_TOO_LARGE", "Request body too large.");
    return respond(c, "BAD_REQUEST", "Malformed request.");
  }
  logError(error);
  if (isServiceOutage(error)) {
    return respond(c, "SERVICE_UNAVAILABLE", "A service Latchkey depends on failed; try again later.");
  }
  return respond(c, "INTERNAL", "Internal error.");
};

/**
 * A call to AWS (DynamoDB, Cognito, SES, KMS) that may well succeed if tried again: the service failed,
 * throttled, or could not be reached. The SDK marks its errors with `$metadata` and blames the caller
 * with `$fault: "client"`; a client fault other than throttling is a bug or a misconfiguration of ours.
 */
function isServiceOutage(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return false;
  const { $fault, $retryable, name } = error as { $fault?: string; $retryable?: unknown; name?: string };
  return $fault !== "client" || $retryable !== undefined || /Throttl|TooManyRequests/.test(name ?? "");
}

function logError(error: unknown) {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { error };
  log("error", "request failed", detail);
}
