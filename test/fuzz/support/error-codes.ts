import type { ErrorCode } from "../../../packages/protocol/src/index.ts";

/** Every code of the protocol, once: a code added there and not here does not compile. */
const codes: Record<ErrorCode, true> = {
  BAD_REQUEST: true,
  INVALID_EMAIL: true,
  INVALID_REDIRECT_URI: true,
  UNAUTHORIZED: true,
  RECENT_SIGN_IN_REQUIRED: true,
  NOT_FOUND: true,
  CREDENTIAL_EXISTS: true,
  CHALLENGE_INVALID: true,
  VERIFICATION_FAILED: true,
  RATE_LIMITED: true,
  PAYLOAD_TOO_LARGE: true,
  SERVICE_UNAVAILABLE: true,
  INTERNAL: true,
};

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && Object.hasOwn(codes, value);
