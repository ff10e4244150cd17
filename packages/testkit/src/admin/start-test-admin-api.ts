import { type AdminDeps, createAdminApp } from "@latchkey/api/admin";
import type { AuditEvent } from "@latchkey/core/audit";
import { cognitoAdminDirectory } from "@latchkey/core/aws/cognito-admin-directory";
import { aaguidDirectory, createRegistrationOptions, passkeyPolicy, registerPasskey } from "@latchkey/core/passkeys";
import { startTestPool } from "../cognito-pool/start-test-pool.ts";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "../config/test-config.ts";
import { AAGUIDS_FIXTURE, SOFT_AAGUID } from "../passkeys/aaguid-fixture.ts";
import { softAuthenticator } from "../passkeys/soft-authenticator.ts";
import { startTestTable, type TestTable } from "../table/start-test-table.ts";

/** The IAM caller API Gateway's authorizer puts in the event of a request it let through. */
export const SUPPORT_CALLER = {
  userArn: "arn:aws:sts::111111111111:assumed-role/Support/jane",
  accountId: "111111111111",
  accessKey: "ASIAEXAMPLE",
  callerId: "AROAEXAMPLE:jane",
  userId: "AROAEXAMPLE:jane",
  principalOrgId: null,
  cognitoIdentity: null,
};

/** The requestContext of an HTTP API (payload 2.0) event, with `authorizer` as given. */
export const adminEvent = (authorizer: unknown) => ({
  event: { requestContext: { requestId: "req-1", http: { sourceIp: "192.0.2.1" }, authorizer } },
});

/**
 * The admin app over a test table and the Cognito emulator (the real adapter, AdminGetUser and
 * AdminUserGlobalSignOut), with the AAGUID fixture; `call` sends a request as SUPPORT_CALLER unless
 * told another authorizer. `overrides` replace dependencies (a broken table or pool). The audit events
 * it publishes are kept in `events`.
 */
export async function startTestAdminApi(overrides: (table: TestTable) => Partial<AdminDeps> = () => ({})) {
  const [table, pool] = await Promise.all([startTestTable(), startTestPool()]);
  const config = testConfig({ LATCHKEY_AAGUID_SOURCE: AAGUIDS_FIXTURE });
  const events: AuditEvent[] = [];
  const deps: AdminDeps = {
    table,
    directory: cognitoAdminDirectory(pool.admin, pool.userPoolId),
    aaguids: aaguidDirectory(config.passkeys.aaguidSource),
    clock: { now: () => Date.now() },
    auditEvents: { publish: async (event) => void events.push(event) },
    ...overrides(table),
  };
  const app = createAdminApp(deps);
  const policy = passkeyPolicy(config);

  function call(method: string, path: string, options: { authorizer?: unknown } = {}) {
    const authorizer = "authorizer" in options ? options.authorizer : { iam: SUPPORT_CALLER };
    return app.request(path, { method }, adminEvent(authorizer));
  }

  /** A passkey of the user for an RP ID of the test config, on a soft authenticator the fixture names. */
  async function register(username: string, rpId = TEST_RP_ID) {
    const creation = createRegistrationOptions(policy, {
      username,
      displayName: username,
      rpId,
      existing: [],
      nowMs: Date.now(),
    });
    const origin = rpId === TEST_RP_ID ? TEST_ORIGIN : `https://${rpId}`;
    const response = softAuthenticator({ aaguid: SOFT_AAGUID }).register(creation, { origin });
    const context = { policy, table, clock: deps.clock, aaguids: deps.aaguids };
    return registerPasskey(context, { username, response, friendlyName: `Key for ${rpId}` });
  }

  return {
    app,
    table,
    pool,
    events,
    call,
    register,
    async close() {
      await Promise.all([table.close(), pool.close()]);
    },
  };
}
