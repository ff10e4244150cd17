import type { ErrorCode } from "@latchkey/protocol";

/**
 * Typed errors with stable codes. Every error that reaches a caller is one of these; anything else is
 * an internal failure and is reported as INTERNAL without details.
 */
export class LatchkeyError extends Error {
  readonly code: ErrorCode;
  /** Seconds a client should wait before retrying (RATE_LIMITED). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options?: { retryAfter?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LatchkeyError";
    this.code = code;
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
}

export function isLatchkeyError(error: unknown): error is LatchkeyError {
  return error instanceof LatchkeyError;
}
