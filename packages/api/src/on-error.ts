import { errorFields, isLatchkeyError, isServiceOutage, log } from "@latchkey/core";
import type { ErrorBody, ErrorCode } from "@latchkey/protocol";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { errorStatus } from "./error-status.ts";
import { recordErrorCode } from "./telemetry/record-request.ts";

function respond(c: Context, code: ErrorCode, message: string) {
  recordErrorCode(code);
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

function logError(error: unknown) {
  log("error", "request failed", errorFields(error));
}
