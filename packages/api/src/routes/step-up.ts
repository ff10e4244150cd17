import { LatchkeyError, log } from "@latchkey/core";
import { issueStepUpCode } from "@latchkey/core/magic-links";
import { routes, type StepUpCodeRequest, type StepUpCodeSent } from "@latchkey/protocol";
import { Hono } from "hono";
import { z } from "zod";
import { type AuthEnv, requireUser } from "../access-token.ts";
import type { ApiDeps } from "../deps.ts";
import { jsonBody } from "../validate.ts";

const requestSchema = z.object({
  // Each method its own destination and sender; a code by SMS would be a second entry, and a branch below.
  method: z.enum(["EMAIL_CODE"]).optional(),
  bindingHash: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/)
    .optional(),
}) satisfies z.ZodType<StepUpCodeRequest>;

const SENT: StepUpCodeSent = { status: "sent" };

/**
 * Codes for a step-up, for a caller whose access token has passed the pool's GetUser check: nobody can
 * have one sent to anyone else, and an anonymous or revoked caller gets 401 before anything is sent.
 * The code goes to the user's verified address and redeems as an EMAIL_CODE sign-in of that user,
 * through the token's app client.
 */
export function stepUpRoutes(deps: ApiDeps) {
  const signedIn = requireUser(deps.accessTokens, deps.directory);
  return new Hono<AuthEnv>().post(routes.requestStepUpCode.path, signedIn, jsonBody(requestSchema), async (c) => {
    const body = c.req.valid("json");
    const { username, email, emailVerified, clientId } = c.get("user");
    if (!email || !emailVerified) {
      throw new LatchkeyError("STEP_UP_METHOD_UNAVAILABLE", "This account has no verified email address.");
    }
    const issued = await issueStepUpCode(deps, {
      user: { username, email },
      clientId,
      bindingHash: body.bindingHash,
      locale: body.locale,
      ip: deps.clientIp(c) ?? "unknown",
    });
    if (!issued.ok) {
      log("info", "step-up code request refused", { reason: issued.reason });
      throw new LatchkeyError("RATE_LIMITED", "Too many emails; try again later.", { retryAfter: issued.retryAfter });
    }
    return c.json(SENT, 202);
  });
}
