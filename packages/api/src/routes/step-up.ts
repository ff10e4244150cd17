import { LatchkeyError } from "@latchkey/core";
import { issueStepUpCode } from "@latchkey/core/magic-links";
import { issueStepUpSmsCode } from "@latchkey/core/sms";
import { routes, type StepUpCodeRequest, type StepUpCodeSent } from "@latchkey/protocol";
import { Hono } from "hono";
import { type AuthEnv, requireUser } from "../access-token.ts";
import type { ApiDeps } from "../deps.ts";
import { object, oneOf, optional, type Schema, string } from "../schema.ts";
import { rateLimited } from "../telemetry/record-request.ts";
import { textHost } from "../text-host.ts";
import { jsonBody } from "../validate.ts";

const requestSchema = object({
  // Each method its own destination and sender: the verified address, or the verified phone number.
  method: optional(oneOf(["EMAIL_CODE", "SMS_CODE"])),
  bindingHash: optional(string({ pattern: /^[A-Za-z0-9_-]{43}$/ })),
  locale: optional(string({ pattern: /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/ })),
}) satisfies Schema<StepUpCodeRequest>;

const SENT: StepUpCodeSent = { status: "sent" };

/**
 * Codes for a step-up, for a caller whose access token has passed the pool's GetUser check: nobody can
 * have one sent to anyone else, and an anonymous or revoked caller gets 401 before anything is sent.
 * EMAIL_CODE goes to the user's verified address and SMS_CODE to their verified phone number; each
 * redeems as a sign-in of that method, of that user, through the token's app client.
 */
export function stepUpRoutes(deps: ApiDeps) {
  const signedIn = requireUser(deps.accessTokens, deps.directory);
  const { allowedOrigins } = deps.config.passkeys;
  return new Hono<AuthEnv>().post(routes.requestStepUpCode.path, signedIn, jsonBody(requestSchema), async (c) => {
    const body = c.req.valid("json");
    const user = c.get("user");
    const ip = deps.clientIp(c) ?? "unknown";
    if (body.method === "SMS_CODE") {
      if (!user.phoneNumber || !user.phoneNumberVerified) {
        throw new LatchkeyError("STEP_UP_METHOD_UNAVAILABLE", "This account has no verified phone number.");
      }
      // The browser's verifier is what the code is tried with (Verify needs ClientMetadata.smsVerifier).
      if (!body.bindingHash) throw new LatchkeyError("BAD_REQUEST", "A code by text needs a bindingHash.");
      const issued = await issueStepUpSmsCode(deps, {
        user: { username: user.username, phoneNumber: user.phoneNumber },
        clientId: user.clientId,
        bindingHash: body.bindingHash,
        host: textHost(c.req.header("origin"), allowedOrigins),
        ip,
      });
      if (!issued.ok) throw rateLimited(issued, "Too many texts; try again later.");
      return c.json(SENT, 202);
    }
    if (!user.email || !user.emailVerified) {
      throw new LatchkeyError("STEP_UP_METHOD_UNAVAILABLE", "This account has no verified email address.");
    }
    const issued = await issueStepUpCode(deps, {
      user: { username: user.username, email: user.email },
      clientId: user.clientId,
      bindingHash: body.bindingHash,
      locale: body.locale,
      ip,
    });
    if (!issued.ok) throw rateLimited(issued, "Too many emails; try again later.");
    return c.json(SENT, 202);
  });
}
