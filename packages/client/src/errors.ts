import type { ErrorCode } from "@latchkey/protocol";

/** Errors the client raises, each with a stable code an app can switch on. */
export type ClientErrorCode =
  | "NOT_CONFIGURED"
  | "NOT_SIGNED_IN"
  | "SIGN_IN_FAILED"
  | "SESSION_EXPIRED"
  | "USER_DISABLED"
  | "NETWORK_ERROR"
  | "CANCELLED"
  | "NOT_ALLOWED"
  | "NO_CREDENTIAL"
  | "UNSUPPORTED"
  | "INVALID_LINK"
  | "INVALID_CODE"
  | "CREDENTIAL_EXISTS"
  | "SECURITY_ERROR"
  | "SERVICE_UNAVAILABLE"
  /** A step-up's new tokens are for another account than the signed-in one: refused, nothing stored. */
  | "STEP_UP_USER_MISMATCH"
  | "UNKNOWN"
  | ErrorCode // the api's own codes (RATE_LIMITED, RECENT_SIGN_IN_REQUIRED, ...) pass through
  | (string & {}); // and anything else: an unexpected Cognito exception's name, COGNITO_ERROR, HTTP_ERROR

export class LatchkeyClientError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number | undefined;
  /** With RATE_LIMITED: seconds until the api accepts the request again. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ClientErrorCode,
    message: string,
    options?: { status?: number; retryAfter?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LatchkeyClientError";
    this.code = code;
    this.status = options?.status;
    this.retryAfter = options?.retryAfter;
  }
}
