import { LatchkeyError } from "@latchkey/core";
import type { ErrorCode } from "@latchkey/protocol";
import { Hono } from "hono";
import { afterEach, expect, it, vi } from "vitest";
import { onError } from "./on-error.ts";

/** The statuses apps and API Gateway's logs see; part of the HTTP contract. */
const expected: Record<ErrorCode, number> = {
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

afterEach(() => {
  vi.restoreAllMocks();
});

it.each(Object.entries(expected))("answers a LatchkeyError %s with %i and its code", async (code, status) => {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const app = new Hono()
    .get("/", () => {
      throw new LatchkeyError(code as ErrorCode, "What went wrong.");
    })
    .onError(onError);
  const response = await app.request("/");
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({ code, message: "What went wrong." });
  // Only a failure on the server's side is logged; a refused request is the caller's.
  expect(logged).toHaveBeenCalledTimes(status >= 500 ? 1 : 0);
});
