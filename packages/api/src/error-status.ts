import type { ErrorCode } from "@latchkey/protocol";
import type { ContentfulStatusCode } from "hono/utils/http-status";

const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  INVALID_EMAIL: 400,
  INVALID_PHONE_NUMBER: 400,
  SMS_DESTINATION_NOT_ALLOWED: 400,
  INVALID_REDIRECT_URI: 400,
  INVALID_FRIENDLY_NAME: 400,
  UNAUTHORIZED: 401,
  RECENT_SIGN_IN_REQUIRED: 401,
  NOT_FOUND: 404,
  CREDENTIAL_EXISTS: 409,
  PASSKEY_LIMIT_REACHED: 409,
  CHALLENGE_INVALID: 400,
  VERIFICATION_FAILED: 400,
  STEP_UP_METHOD_UNAVAILABLE: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The HTTP status an error response with this code carries. */
export function errorStatus(code: ErrorCode): ContentfulStatusCode {
  return statusByCode[code];
}

/** Whether a value is one of the protocol's error codes. */
export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && Object.hasOwn(statusByCode, value);
