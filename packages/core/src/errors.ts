/**
 * Typed errors with stable codes. Every error that reaches a caller is one of these; anything else is
 * an internal failure and is reported as INTERNAL without details.
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "INVALID_EMAIL"
  | "INVALID_REDIRECT_URI"
  | "UNAUTHORIZED"
  | "RECENT_SIGN_IN_REQUIRED"
  | "NOT_FOUND"
  | "CREDENTIAL_EXISTS"
  | "CHALLENGE_INVALID"
  | "VERIFICATION_FAILED"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL";

const statusByCode: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_EMAIL: 400,
  INVALID_REDIRECT_URI: 400,
  UNAUTHORIZED: 401,
  RECENT_SIGN_IN_REQUIRED: 401,
  NOT_FOUND: 404,
  CREDENTIAL_EXISTS: 409,
  CHALLENGE_INVALID: 400,
  VERIFICATION_FAILED: 400,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class LatchkeyError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds a client should wait before retrying (RATE_LIMITED). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options?: { retryAfter?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LatchkeyError";
    this.code = code;
    this.status = statusByCode[code];
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

export function isLatchkeyError(error: unknown): error is LatchkeyError {
  return error instanceof LatchkeyError;
}

/** The JSON body every error response carries. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
