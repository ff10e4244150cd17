import { revokeSignIns } from "@latchkey/core/admin";
import { adminRoutes, type SignInsRevoked } from "@latchkey/protocol";
import { Hono } from "hono";
import { auditAdminChange } from "../admin-audit.ts";
import { userNotFound } from "../admin-error.ts";
import type { AdminDeps } from "../deps.ts";
import { knownUser, type UserEnv } from "../known-user.ts";

/**
 * A user's sign-ins: those not yet made (outstanding links and codes, which stop redeeming) and those
 * made (every session, which Cognito ends). Each is its own route: revoking links signs no one out,
 * and signing out leaves a link already in an inbox redeemable.
 */
export function signInRoutes(deps: AdminDeps) {
  const user = knownUser(deps.directory);
  const { revokeSignIns: revoke, signOut } = adminRoutes;
  return new Hono<UserEnv>()
    .delete(revoke.path, user, async (c) => {
      const { username } = c.get("account");
      const revoked = await revokeSignIns(deps, username);
      await auditAdminChange(deps.auditEvents, c.get("caller"), "SignInsRevokedByAdmin", { username, ...revoked });
      return c.json(revoked satisfies SignInsRevoked);
    })
    .post(signOut.path, user, async (c) => {
      const { username } = c.get("account");
      if (!(await deps.directory.signOutEverywhere(username))) throw userNotFound();
      await auditAdminChange(deps.auditEvents, c.get("caller"), "SignedOutByAdmin", { username });
      return c.body(null, 204);
    });
}
