import { LatchkeyError, log } from "@latchkey/core";
import { type ErrorBody, type Health, type RelatedOrigins, routes } from "@latchkey/protocol";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { ApiDeps } from "./deps.ts";
import { onError } from "./on-error.ts";
import { magicLinkRoutes } from "./routes/magic-links.ts";
import { passkeyRoutes } from "./routes/passkeys.ts";
import { smsCodeRoutes } from "./routes/sms-codes.ts";
import { stepUpRoutes } from "./routes/step-up.ts";
import { recordRequest } from "./telemetry/record-request.ts";

/** Bodies are small JSON documents; a WebAuthn response with attestation stays well under this. */
const MAX_BODY_BYTES = 64 * 1024;
/** An Origin header is the caller's text: the log keeps no more of it than any real origin needs. */
const MAX_LOGGED_ORIGIN = 200;

export function createApp(deps: ApiDeps) {
  return new Hono()
    .use(recordRequest(deps.config))
    .use(async (c, next) => {
      await next();
      // Every answer is about one caller at one moment (options carry fresh challenges, lists are
      // personal): no cache may keep it, and no browser may read JSON as anything else.
      c.header("Cache-Control", "no-store");
      c.header("X-Content-Type-Options", "nosniff");
    })
    .use(async (c, next) => {
      const origin = c.req.header("origin");
      const { allowedOrigins } = deps.config.passkeys;
      if (origin !== undefined && !allowedOrigins.includes(origin)) {
        // The browser then withholds the answer, and the page sees only a network error: say why here.
        log("warn", "origin not allowed", { origin: origin.slice(0, MAX_LOGGED_ORIGIN), allowedOrigins });
      }
      await next();
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
    .get(routes.relatedOrigins.path, (c) => {
      const origins = deps.config.passkeys.relatedOrigins;
      if (origins.length === 0) throw new LatchkeyError("NOT_FOUND", "This deployment has no related origins.");
      return c.json({ origins } satisfies RelatedOrigins);
    })
    .route("/", passkeyRoutes(deps))
    .route("/", magicLinkRoutes(deps))
    .route("/", smsCodeRoutes(deps))
    .route("/", stepUpRoutes(deps))
    .notFound((c) => c.json({ code: "NOT_FOUND", message: "No such route." } satisfies ErrorBody, 404))
    .onError(onError);
}
