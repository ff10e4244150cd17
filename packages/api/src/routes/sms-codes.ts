import { LatchkeyError } from "@latchkey/core";
import { issueSmsCode, parsePhoneNumber } from "@latchkey/core/sms";
import { routes, type SmsCodeAccepted, type SmsCodeRequest } from "@latchkey/protocol";
import { Hono } from "hono";
import type { ApiDeps } from "../deps.ts";
import { withMinimumDuration } from "../magic-links/with-minimum-duration.ts";
import { object, optional, type Schema, string } from "../schema.ts";
import { rateLimited } from "../telemetry/record-request.ts";
import { textHost } from "../text-host.ts";
import { jsonBody } from "../validate.ts";

/**
 * Every counted request answers no sooner than this, whatever path it took: an unknown number's
 * answer must not come back faster by the time a text takes to send.
 */
export const SMS_CODE_MIN_RESPONSE_MS = 800;

const requestSchema = object({
  phoneNumber: string({ max: 32 }),
  /** base64url SHA-256 of a verifier the requesting browser keeps: only it can try the code. */
  bindingHash: string({ pattern: /^[A-Za-z0-9_-]{43}$/ }),
  /** The app client the code is for; default: the first configured one. */
  clientId: optional(string({ max: 128 })),
}) satisfies Schema<SmsCodeRequest>;

/** The one body every accepted request gets, whether or not the number belongs to anyone. */
const ACCEPTED: SmsCodeAccepted = { status: "accepted" };

export function smsCodeRoutes(deps: ApiDeps) {
  const { allowedOrigins } = deps.config.passkeys;
  return new Hono().post(routes.requestSmsCode.path, jsonBody(requestSchema), async (c) => {
    const body = c.req.valid("json");
    const phoneNumber = parsePhoneNumber(body.phoneNumber);
    const clientId = body.clientId ?? deps.config.clientIds[0] ?? "";
    if (!deps.config.clientIds.includes(clientId)) {
      throw new LatchkeyError("BAD_REQUEST", "clientId is not an app client of this user pool.");
    }
    const issued = await withMinimumDuration(SMS_CODE_MIN_RESPONSE_MS, () =>
      issueSmsCode(deps, {
        phoneNumber,
        bindingHash: body.bindingHash,
        clientId,
        host: textHost(c.req.header("origin"), allowedOrigins),
        // In-process requests (app.request in tests) have no address; they share one bucket.
        ip: deps.clientIp(c) ?? "unknown",
      }),
    );
    if (!issued.ok) throw rateLimited(issued, "Too many sign-in texts; try again later.");
    return c.json(ACCEPTED, 202);
  });
}
