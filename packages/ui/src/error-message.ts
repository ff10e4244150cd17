import { toClientError } from "@latchkey/client";
import type { Attempt, Strings } from "./i18n/strings.ts";

/**
 * A failure in plain words, never the server's text: by its stable code, with the wait a rate limit
 * names, and for a refused sign-in by what the person tried. A code the kit does not know (a newer
 * api's, a Cognito exception's name) reads as a generic message.
 */
export function errorMessage(failure: unknown, strings: Strings, attempt?: Attempt): string {
  const { code, retryAfter } = toClientError(failure);
  if (code === "RATE_LIMITED" && retryAfter) return strings.rateLimited(retryAfter);
  if (code === "SIGN_IN_FAILED" && attempt) return strings.signInFailed[attempt];
  return Object.hasOwn(strings.errors, code) ? strings.errors[code as keyof Strings["errors"]] : strings.unknownError;
}

/** Failures that mean "nobody picked a passkey": the person's choice, said calmly, not an error. */
export function isDismissal(failure: unknown): boolean {
  const { code } = toClientError(failure);
  return code === "CANCELLED" || code === "NOT_ALLOWED";
}
