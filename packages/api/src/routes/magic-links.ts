import { LatchkeyError } from "@latchkey/core";
import { issueMagicLink, parseEmailAddress, parseRedirectUri } from "@latchkey/core/magic-links";
import { type MagicLinkAccepted, type MagicLinkRequest, routes } from "@latchkey/protocol";
import { Hono } from "hono";
import type { ApiDeps } from "../deps.ts";
import { withMinimumDuration } from "../magic-links/with-minimum-duration.ts";
import { object, optional, type Schema, string } from "../schema.ts";
import { rateLimited } from "../telemetry/record-request.ts";
import { jsonBody } from "../validate.ts";

/** Every accepted request answers no sooner than this, whatever path it took (see the bench). */
export const MAGIC_LINK_MIN_RESPONSE_MS = 600;

const requestSchema = object({
  email: string({ max: 320 }),
  redirectUri: string({ max: 2048 }),
  /** base64url SHA-256 of a verifier the requesting browser keeps, for same-browser links. */
  bindingHash: optional(string({ pattern: /^[A-Za-z0-9_-]{43}$/ })),
  /** The app client the link is for (its audience); default: the first configured one. */
  clientId: optional(string({ max: 128 })),
  locale: optional(string({ pattern: /^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,3}$/ })),
}) satisfies Schema<MagicLinkRequest>;

/** The one body every accepted request gets, whether or not the address belongs to anyone. */
const ACCEPTED: MagicLinkAccepted = { status: "accepted" };

export function magicLinkRoutes(deps: ApiDeps) {
  const { magicLinks } = deps.config;
  return new Hono().post(routes.requestMagicLink.path, jsonBody(requestSchema), async (c) => {
    const body = c.req.valid("json");
    const email = parseEmailAddress(body.email);
    const redirectUri = parseRedirectUri(body.redirectUri, magicLinks.redirectAllowlist);
    const clientId = body.clientId ?? deps.config.clientIds[0] ?? "";
    if (!deps.config.clientIds.includes(clientId)) {
      throw new LatchkeyError("BAD_REQUEST", "clientId is not an app client of this user pool.");
    }
    if (magicLinks.binding === "same-browser" && !body.bindingHash) {
      throw new LatchkeyError("BAD_REQUEST", "bindingHash is required: links open only in the browser that asked.");
    }
    const issued = await withMinimumDuration(MAGIC_LINK_MIN_RESPONSE_MS, () =>
      issueMagicLink(deps, {
        email,
        redirectUri,
        bindingHash: body.bindingHash,
        clientId,
        locale: body.locale,
        // In-process requests (app.request in tests) have no address; they share one bucket.
        ip: deps.clientIp(c) ?? "unknown",
      }),
    );
    if (!issued.ok) throw rateLimited(issued, "Too many sign-in emails; try again later.");
    return c.json(ACCEPTED, 202);
  });
}
