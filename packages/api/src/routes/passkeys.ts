import { emitAuditEvent } from "@latchkey/core/audit";
import {
  aaguidDirectory,
  addressOwnerHash,
  createAuthenticationOptions,
  createRegistrationOptions,
  deleteCredential,
  listCredentials,
  parseFriendlyName,
  passkeyPolicy,
  registerPasskey,
  renameCredential,
  selectRpId,
  toSummary,
  toUserHandle,
} from "@latchkey/core/passkeys";
import {
  type AuthenticationOptions,
  type PasskeyAccount,
  type RegistrationOptions,
  routes,
  type StepUpAction,
} from "@latchkey/protocol";
import { Hono } from "hono";
import { type AuthEnv, requireRecentSignIn, requireUser } from "../access-token.ts";
import type { ApiDeps } from "../deps.ts";
import { accountName } from "../passkeys/account-name.ts";
import { notifyPasskeyChange } from "../passkeys/notify-passkey-change.ts";
import { pathParams } from "../passkeys/param.ts";
import { resolveUsername } from "../passkeys/resolve-username.ts";
import {
  authenticationOptionsSchema,
  credentialIdParam,
  registrationOptionsSchema,
  registrationVerifySchema,
  renameSchema,
} from "../passkeys/schemas.ts";
import { jsonBody } from "../validate.ts";

/**
 * Passkey registration and management for the signed-in user, and the public sign-in options. Sign-in
 * itself is Cognito CUSTOM_AUTH; its verify trigger checks the assertion.
 */
export function passkeyRoutes(deps: ApiDeps) {
  const { config, table, clock, directory } = deps;
  const policy = passkeyPolicy(config);
  const aaguids = aaguidDirectory(config.passkeys.aaguidSource);
  const context = { policy, table, clock, aaguids };
  const signedIn = requireUser(deps.accessTokens, directory);
  const recentlySignedIn = (route: { action: StepUpAction }) =>
    requireRecentSignIn(config.passkeys.recentSignInSeconds, () => clock.now(), route.action);

  const {
    authenticationOptions,
    registrationOptions,
    registrationVerify,
    listPasskeys,
    passkeyAccount,
    renamePasskey,
    deletePasskey,
  } = routes;

  return new Hono<AuthEnv>()
    .post(authenticationOptions.path, jsonBody(authenticationOptionsSchema), async (c) => {
      const body = c.req.valid("json");
      const rpId = selectRpId(policy, { requested: body.rpId, origin: c.req.header("origin") });
      if (!body.username) {
        const usernameless = { username: "", rpId, credentials: [], nowMs: clock.now() };
        return c.json(createAuthenticationOptions(policy, usernameless) satisfies AuthenticationOptions);
      }
      const username = await resolveUsername(deps, body.username);
      const credentials = await listCredentials(table, username);
      const options = createAuthenticationOptions(policy, { username, rpId, credentials, nowMs: clock.now() });
      return c.json(options satisfies AuthenticationOptions);
    })
    .post(
      registrationOptions.path,
      signedIn,
      recentlySignedIn(registrationOptions),
      jsonBody(registrationOptionsSchema),
      async (c) => {
        const user = c.get("user");
        const body = c.req.valid("json");
        const rpId = selectRpId(policy, { requested: body.rpId, origin: c.req.header("origin") });
        const existing = await listCredentials(table, user.username);
        const options = createRegistrationOptions(policy, {
          username: user.username,
          displayName: accountName(user),
          rpId,
          existing,
          nowMs: clock.now(),
          conditional: body.mediation === "conditional",
        });
        return c.json(options satisfies RegistrationOptions);
      },
    )
    .post(
      registrationVerify.path,
      signedIn,
      recentlySignedIn(registrationVerify),
      jsonBody(registrationVerifySchema),
      async (c) => {
        const { response, friendlyName } = c.req.valid("json");
        const { username, email, emailVerified } = c.get("user");
        // Only a verified email makes the user its owner: sign-in options for it then list their passkeys.
        const owner = emailVerified && email ? addressOwnerHash(config.passkeys.challengeSecret, email) : undefined;
        const record = await registerPasskey(context, {
          username,
          response,
          friendlyName: friendlyName === undefined ? undefined : parseFriendlyName(friendlyName),
          ownerAddressHash: owner,
        });
        const { id: credentialId, aaguid, backedUp } = record;
        emitAuditEvent(deps.auditEvents, "PasskeyRegistered", {
          username,
          credentialId,
          friendlyName: record.friendlyName,
          aaguid,
          backedUp,
        });
        const summary = await toSummary(record, aaguids);
        await notifyPasskeyChange(deps, {
          user: c.get("user"),
          change: "added",
          passkeyName: summary.friendlyName,
          acceptLanguage: c.req.header("accept-language"),
        });
        return c.json(summary, 201);
      },
    )
    .get(listPasskeys.path, signedIn, async (c) => {
      const records = await listCredentials(table, c.get("user").username);
      return c.json(await Promise.all(records.map((record) => toSummary(record, aaguids))));
    })
    .get(passkeyAccount.path, signedIn, async (c) => {
      const user = c.get("user");
      const rpId = selectRpId(policy, { origin: c.req.header("origin") });
      const records = await listCredentials(table, user.username);
      const name = accountName(user);
      return c.json({
        rpId,
        userId: toUserHandle(user.username),
        name,
        displayName: name,
        credentialIds: records.filter((record) => record.rpId === rpId).map((record) => record.id),
      } satisfies PasskeyAccount);
    })
    .patch(renamePasskey.path, signedIn, pathParams(credentialIdParam), jsonBody(renameSchema), async (c) => {
      const { credentialId } = c.req.valid("param");
      const friendlyName = parseFriendlyName(c.req.valid("json").friendlyName);
      const { username } = c.get("user");
      const record = await renameCredential(table, { id: credentialId, username, friendlyName });
      emitAuditEvent(deps.auditEvents, "PasskeyRenamed", { username, credentialId, friendlyName });
      return c.json(await toSummary(record, aaguids));
    })
    .delete(deletePasskey.path, signedIn, recentlySignedIn(deletePasskey), pathParams(credentialIdParam), async (c) => {
      const { credentialId } = c.req.valid("param");
      const { username } = c.get("user");
      const deleted = await deleteCredential(table, { id: credentialId, username });
      emitAuditEvent(deps.auditEvents, "PasskeyDeleted", { username, credentialId });
      await notifyPasskeyChange(deps, {
        user: c.get("user"),
        change: "removed",
        passkeyName: (await toSummary(deleted, aaguids)).friendlyName,
        acceptLanguage: c.req.header("accept-language"),
      });
      return c.body(null, 204);
    });
}
