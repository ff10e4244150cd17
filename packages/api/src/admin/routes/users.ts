import { maskEmail, parseEmailAddress } from "@latchkey/core/magic-links";
import { type AdminUser, adminRoutes } from "@latchkey/protocol";
import { Hono } from "hono";
import { logAdminRead } from "../admin-audit.ts";
import { AdminError } from "../admin-error.ts";
import type { AdminDeps } from "../deps.ts";
import { knownUser, type UserEnv } from "../known-user.ts";
import { emailQuery, queryParams } from "../schemas.ts";
import { toAdminUser } from "../to-admin-user.ts";

/** A user by username, and the username of an email address. */
export function userRoutes(deps: AdminDeps) {
  const { lookupUserByEmail, getUser } = adminRoutes;
  return new Hono<UserEnv>()
    .get(lookupUserByEmail.path, queryParams(emailQuery), async (c) => {
      const { address } = parseEmailAddress(c.req.valid("query").email);
      const account = await deps.directory.findByEmail(address);
      logAdminRead(c.get("caller"), "lookupUserByEmail", { email: maskEmail(address), found: account !== undefined });
      if (!account) throw new AdminError("USER_NOT_FOUND", "No user has this email address.");
      return c.json(toAdminUser(account) satisfies AdminUser);
    })
    .get(getUser.path, knownUser(deps.directory), (c) => {
      const account = c.get("account");
      logAdminRead(c.get("caller"), "getUser", { username: account.username });
      return c.json(toAdminUser(account) satisfies AdminUser);
    });
}
