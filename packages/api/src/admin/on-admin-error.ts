import { errorFields, isLatchkeyError, isServiceOutage, log } from "@latchkey/core";
import type { AdminErrorBody, AdminErrorCode } from "@latchkey/protocol";
import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AdminError, adminErrorStatus, isAdminErrorCode } from "./admin-error.ts";

function respond(c: Context, code: AdminErrorCode, message: string) {
  return c.json({ code, message } satisfies AdminErrorBody, adminErrorStatus(code));
}

/**
 * Where every admin API error becomes a response: its own errors and those of core's it shares (bad
 * input, a passkey not found, an outage) keep their code; anything else is INTERNAL. Never a stack.
 */
export const onAdminError: ErrorHandler = (error, c) => {
  if (error instanceof AdminError) return respond(c, error.code, error.message);
  if (isLatchkeyError(error) && isAdminErrorCode(error.code) && adminErrorStatus(error.code) < 500) {
    return respond(c, error.code, error.message);
  }
  if (error instanceof HTTPException) return respond(c, "BAD_REQUEST", "Malformed request.");
  log("error", "admin request failed", errorFields(error));
  if (isServiceOutage(error) || (isLatchkeyError(error) && error.code === "SERVICE_UNAVAILABLE")) {
    return respond(c, "SERVICE_UNAVAILABLE", "A service Latchkey depends on failed; try again later.");
  }
  return respond(c, "INTERNAL", "Internal error.");
};
