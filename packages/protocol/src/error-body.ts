import type { ErrorCode } from "./error-code.ts";

/** The JSON body of every error response: a stable code and a message for people, never a stack. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
