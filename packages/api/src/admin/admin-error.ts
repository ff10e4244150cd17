import type { AdminErrorCode } from "@latchkey/protocol";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An admin API refusal with its stable code (core's LatchkeyError carries the public api's codes). */
export class AdminError extends Error {
  readonly code: AdminErrorCode;

  constructor(code: AdminErrorCode, message: string) {
    super(message);
    this.name = "AdminError";
    this.code = code;
  }
}

const statusByCode: Record<AdminErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  INVALID_EMAIL: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The HTTP status an admin error response with this code carries. */
export const adminErrorStatus = (code: AdminErrorCode): ContentfulStatusCode => statusByCode[code];

/** Whether a code (of core's errors, say) is one the admin API answers with. */
export const isAdminErrorCode = (value: string): value is AdminErrorCode => Object.hasOwn(statusByCode, value);

export const userNotFound = () => new AdminError("USER_NOT_FOUND", "No user has this username.");
