import { type ErrorBody, isLatchkeyError } from "@latchkey/core";
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";

function body(code: ErrorBody["code"], message: string): ErrorBody {
  return { code, message };
}

/** The one place errors become responses: typed errors keep their code; nothing leaks a stack. */
export const onError: ErrorHandler = (error, c) => {
  if (isLatchkeyError(error)) {
    if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
    if (error.status >= 500) logError(error);
    return c.json(body(error.code, error.message), error.status as 400);
  }
  if (error instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies and the body limit.
    if (error.status === 413) return c.json(body("PAYLOAD_TOO_LARGE", "Request body too large."), 413);
    return c.json(body("BAD_REQUEST", "Malformed request."), 400);
  }
  logError(error);
  if (isAwsSdkFailure(error)) {
    return c.json(body("SERVICE_UNAVAILABLE", "A service Latchkey depends on failed; try again later."), 503);
  }
  return c.json(body("INTERNAL", "Internal error."), 500);
};

/**
 * A call to AWS (DynamoDB, Cognito, SES, KMS) that failed: the SDK marks every error it raises, from
 * the service or the network, with `$metadata`. Worth a retry, unlike a bug of ours.
 */
function isAwsSdkFailure(error: unknown): boolean {
  return typeof error === "object" && error !== null && "$metadata" in error;
}

function logError(error: unknown) {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { error };
  console.error(JSON.stringify({ level: "error", msg: "request failed", ...detail }));
}
