import { type AdminDirectory, LatchkeyError, type PoolAccount } from "@latchkey/core";
import type { MiddlewareHandler } from "hono";
import { userNotFound } from "./admin-error.ts";
import type { AdminEnv } from "./iam-caller.ts";
import { usernameParam } from "./schemas.ts";

export type UserEnv = AdminEnv & { Variables: { account: PoolAccount } };

/**
 * The user the route's `:username` names, as the pool has them now (one AdminGetUser), on the context;
 * 404 USER_NOT_FOUND if the pool has none of that username. Table items are keyed by the pool's own
 * spelling of it.
 */
export function knownUser(directory: AdminDirectory): MiddlewareHandler<UserEnv> {
  return async (c, next) => {
    const parsed = usernameParam.parse({ username: c.req.param("username") });
    if (!parsed.ok) throw new LatchkeyError("BAD_REQUEST", "Invalid path parameter.");
    const account = await directory.getUser(parsed.value.username);
    if (!account) throw userNotFound();
    c.set("account", account);
    await next();
  };
}
