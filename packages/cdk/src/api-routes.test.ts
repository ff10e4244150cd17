import { type ApiDeps, createApp } from "@latchkey/api";
import { parseConfig } from "@latchkey/core";
import { expect, it } from "vitest";
import { apiRoutes, emailRouteKeys, smsCodeRouteKey } from "./api-routes.ts";

const routeKeys = apiRoutes.map(({ method, path }) => `${method} ${path}`).sort();

it("declares the HTTP API of the design, with API Gateway's path parameters", () => {
  expect(routeKeys).toEqual(
    [
      "DELETE /passkeys/{credentialId}",
      "GET /.well-known/webauthn",
      "GET /health",
      "GET /passkeys",
      "GET /passkeys/account",
      "PATCH /passkeys/{credentialId}",
      "POST /magic-links",
      "POST /passkeys/authentication/options",
      "POST /passkeys/registration/options",
      "POST /passkeys/registration/verify",
      "POST /sms-codes",
      "POST /step-up/codes",
    ].sort(),
  );
  expect(emailRouteKeys).toEqual(["POST /magic-links", "POST /step-up/codes"]);
  expect(smsCodeRouteKey).toBe("POST /sms-codes");
});

it("declares exactly the routes the api app serves, so API Gateway forwards all of them and nothing else", () => {
  const config = parseConfig({
    LATCHKEY_REGION: "eu-west-1",
    LATCHKEY_USER_POOL_ID: "eu-west-1_routes",
    LATCHKEY_CLIENT_IDS: "client",
    LATCHKEY_TABLE_NAME: "latchkey",
    LATCHKEY_CHALLENGE_SECRET: Buffer.alloc(32, 5).toString("base64"),
    LATCHKEY_ALLOWED_ORIGINS: "https://app.example.com",
    LATCHKEY_RP_IDS: "example.com",
    LATCHKEY_SENDER_ADDRESS: "no-reply@example.com",
    LATCHKEY_AAGUID_SOURCE: "",
  });
  // Only the route table is read: no handler runs, so the other dependencies are never touched.
  const app = createApp({ config } as ApiDeps);
  const served = app.routes
    .filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
  expect([...new Set(served)].sort()).toEqual(routeKeys);
});
