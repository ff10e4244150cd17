import { LatchkeyError } from "@latchkey/core";
import { type ErrorBody, type Health, routes } from "@latchkey/protocol";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ApiDeps } from "./deps.ts";
import { onError } from "./on-error.ts";
import { magicLinkRoutes } from "./routes/magic-links.ts";
import { passkeyRoutes } from "./routes/passkeys.ts";
import { stepUpRoutes } from "./routes/step-up.ts";

/** Bodies are small JSON documents; a WebAuthn response with attestation stays well under this. */
const MAX_BODY_BYTES = 64 * 1024;

export function createApp(deps: ApiDeps) {
  return new Hono()
    .use(async (c, next) => {
      await next();
      // Every answer is about one caller at one moment (options carry fresh challenges, lists are
      // personal): no cache may keep it, and no browser may read JSON as anything else.
      c.header("Cache-Control", "no-store");
      c.header("X-Content-Type-Options", "nosniff");
    })
    .use(
      cors({
        origin: deps.config.passkeys.allowedOrigins,
        allowHeaders: ["authorization", "content-type"],
        allowMethods: ["GET", "POST", "PATCH", "DELETE"],
        // A rate-limited browser app can then say how long to wait.
        exposeHeaders: ["retry-after"],
        maxAge: 600,
      }),
    )
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new LatchkeyError("PAYLOAD_TOO_LARGE", "Request body too large.");
        },
      }),
    )
    .get(routes.health.path, (c) => c.json({ status: "ok" } satisfies Health))
    .route("/", passkeyRoutes(deps))
    .route("/", magicLinkRoutes(deps))
    .route("/", stepUpRoutes(deps))
    .notFound((c) => c.json({ code: "NOT_FOUND", message: "No such route." } satisfies ErrorBody, 404))
    .onError(onError);
}

export { type AccessTokenVerifier, accessTokenVerifier, cognitoAccessTokens } from "./access-token.ts";
export type { ApiDeps } from "./deps.ts";
export { apiGatewayClientIp, type ClientIp } from "./magic-links/client-ip.ts";
