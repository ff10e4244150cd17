import { GetUserCommand } from "@aws-sdk/client-cognito-identity-provider";
import { adminRoutes } from "@latchkey/protocol";
import { SUPPORT_CALLER, startTestAdminApi } from "@latchkey/testkit/admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let admin: Awaited<ReturnType<typeof startTestAdminApi>>;
let username: string;
beforeAll(async () => {
  admin = await startTestAdminApi();
  username = await admin.pool.createUser("iam-caller@example.com");
});
afterAll(() => admin.close());

/** Every admin route, with a user and a passkey ID in place of its parameters; and a route that is none. */
const everyRoute = () => [
  ...Object.values(adminRoutes).map(({ method, path }) => ({
    method,
    path: `${path.replace(":username", username).replace(":credentialId", "AAAA")}?email=iam-caller@example.com`,
  })),
  { method: "GET", path: "/admin/nothing-here" },
];

const FORBIDDEN = {
  status: 403,
  body: { code: "FORBIDDEN", message: "The admin API takes only IAM-authorized (SigV4-signed) requests." },
};

describe("the admin API's own IAM check", () => {
  it("refuses every route, and an unknown one, when the event carries no IAM caller, touching nothing", async () => {
    const before = await admin.pool.signIn(username);
    admin.table.calls.reset();
    const refusals: unknown[] = [
      undefined,
      null,
      {},
      { iam: null },
      { iam: {} },
      // What the other authorizers put there: not an IAM caller.
      { jwt: { claims: { sub: username }, scopes: null } },
      { lambda: { userArn: SUPPORT_CALLER.userArn } },
      { iam: { ...SUPPORT_CALLER, userArn: "" } },
      { iam: { ...SUPPORT_CALLER, userArn: 42 } },
      { iam: { ...SUPPORT_CALLER, accountId: undefined } },
      { iam: { ...SUPPORT_CALLER, accessKey: undefined } },
    ];
    for (const authorizer of refusals) {
      for (const { method, path } of everyRoute()) {
        const response = await admin.call(method, path, { authorizer });
        expect({ authorizer, path, status: response.status, body: await response.json() }).toEqual({
          authorizer,
          path,
          ...FORBIDDEN,
        });
      }
    }
    // Nothing was read or changed: not the table, and the user's sign-in of before still stands.
    expect(admin.table.calls.total()).toBe(0);
    const stillSignedIn = await admin.pool.admin.send(new GetUserCommand({ AccessToken: before.accessToken }));
    expect(stillSignedIn.Username).toBe(username);
  });

  it("refuses a request with no API Gateway event at all", async () => {
    const response = await admin.app.request(`/admin/users/${username}`);
    expect({ status: response.status, body: await response.json() }).toEqual(FORBIDDEN);
  });

  it("lets through the caller the authorizer verified", async () => {
    const response = await admin.call("GET", `/admin/users/${username}`);
    expect(response.status).toBe(200);
  });
});
