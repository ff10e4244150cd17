import type { AdminErrorBody } from "@latchkey/protocol";
import { Hono } from "hono";
import type { AdminDeps } from "./deps.ts";
import { type AdminEnv, requireIamCaller } from "./iam-caller.ts";
import { onAdminError } from "./on-admin-error.ts";
import { passkeyRoutes } from "./routes/passkeys.ts";
import { signInRoutes } from "./routes/sign-ins.ts";
import { userRoutes } from "./routes/users.ts";

/**
 * The admin API: support staff's routes under /admin/, behind API Gateway's IAM authorizer, in a
 * function of its own (the public api holds none of this, nor its permissions). No CORS: no browser
 * calls it. Every request must carry the IAM caller, even to a route that does not exist.
 */
export function createAdminApp(deps: AdminDeps) {
  return new Hono<AdminEnv>()
    .use(async (c, next) => {
      await next();
      c.header("Cache-Control", "no-store");
      c.header("X-Content-Type-Options", "nosniff");
    })
    .use(requireIamCaller)
    .route("/", userRoutes(deps))
    .route("/", passkeyRoutes(deps))
    .route("/", signInRoutes(deps))
    .notFound((c) => c.json({ code: "NOT_FOUND", message: "No such route." } satisfies AdminErrorBody, 404))
    .onError(onAdminError);
}

export type { AdminDeps } from "./deps.ts";
export type { AdminEnv, IamCaller } from "./iam-caller.ts";
