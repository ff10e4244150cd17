import { revokeAllPasskeys } from "@latchkey/core/admin";
import { deleteCredential, listCredentials, toSummary } from "@latchkey/core/passkeys";
import { type AdminPasskey, adminRoutes, type PasskeysRevoked } from "@latchkey/protocol";
import { Hono } from "hono";
import { pathParams } from "../../passkeys/param.ts";
import { auditAdminChange, logAdminRead } from "../admin-audit.ts";
import type { AdminDeps } from "../deps.ts";
import { knownUser, type UserEnv } from "../known-user.ts";
import { passkeyParam } from "../schemas.ts";

/** A user's passkeys, of every RP ID: listed, and revoked one by one or all at once. */
export function passkeyRoutes(deps: AdminDeps) {
  const { table, aaguids } = deps;
  const user = knownUser(deps.directory);
  const { listPasskeys, revokePasskey, revokePasskeys } = adminRoutes;
  return new Hono<UserEnv>()
    .get(listPasskeys.path, user, async (c) => {
      const { username } = c.get("account");
      const records = await listCredentials(table, username);
      logAdminRead(c.get("caller"), "listPasskeys", { username, passkeys: records.length });
      const passkeys = await Promise.all(
        records.map(async (record) => ({ ...(await toSummary(record, aaguids)), aaguid: record.aaguid })),
      );
      return c.json(passkeys satisfies AdminPasskey[]);
    })
    .delete(revokePasskey.path, pathParams(passkeyParam), user, async (c) => {
      const { username } = c.get("account");
      const { credentialId } = c.req.valid("param");
      await deleteCredential(table, { username, id: credentialId });
      await auditAdminChange(deps.auditEvents, c.get("caller"), "PasskeysRevokedByAdmin", {
        username,
        credentialIds: [credentialId],
      });
      return c.json({ revoked: [credentialId] } satisfies PasskeysRevoked);
    })
    .delete(revokePasskeys.path, user, async (c) => {
      const { username } = c.get("account");
      const revoked = await revokeAllPasskeys(table, username);
      await auditAdminChange(deps.auditEvents, c.get("caller"), "PasskeysRevokedByAdmin", {
        username,
        credentialIds: revoked,
      });
      return c.json({ revoked } satisfies PasskeysRevoked);
    });
}
