import { type ApiDeps, createApp } from "@latchkey/api";
import { parseConfig } from "@latchkey/core";
import { expect, it } from "vitest";
import { apiRoutes } from "./api-routes.ts";

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
  expect([...new Set(served)].sort()).toEqual(apiRoutes.map(({ method, path }) => `${method} ${path}`).sort());
});
