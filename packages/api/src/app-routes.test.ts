import { LatchkeyError, parseConfig } from "@latchkey/core";
import { type Route, routes } from "@latchkey/protocol";
import { describe, expect, it } from "vitest";
import { createApp } from "./create-app.ts";
import type { ApiDeps } from "./deps.ts";

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
const nowMs = Date.now();
const STALE = "stale.sign-in.token";

/** A request that got past authorization reaches the table, which answers with this refusal. */
const reachedHandler = new LatchkeyError("NOT_FOUND", "The handler ran.");
const app = createApp({
  config,
  clock: { now: () => nowMs },
  // Whatever the token, its sign-in is older than any recent-sign-in window.
  accessTokens: { verify: async () => ({ username: "a11ce", authTime: 0, issuedAt: 0, clientId: "client" }) },
  // ...and the pool still accepts it.
  directory: {
    userByAccessToken: async () => ({
      username: "a11ce",
      email: "alice@example.com",
      emailVerified: true,
      phoneNumber: undefined,
      phoneNumberVerified: false,
    }),
  },
  clientIp: () => undefined,
  table: {
    name: "latchkey",
    client: {
      send: async () => {
        throw reachedHandler;
      },
    },
  },
} as unknown as ApiDeps);

function call(route: Route, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const hasBody = route.method === "POST" || route.method === "PATCH";
  if (hasBody) headers["content-type"] = "application/json";
  return app.request(route.path.replace(/:\w+/g, "AAAA"), {
    method: route.method,
    headers,
    ...(hasBody && { body: JSON.stringify({ friendlyName: "Laptop" }) }),
  });
}

const table: Route[] = Object.values(routes);
const withAuth = (auth: Route["auth"]) => table.filter((route) => route.auth === auth);

describe("the api's routes", () => {
  it("are exactly the protocol's route table", () => {
    const served = app.routes.filter((route) => route.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    expect([...new Set(served)].sort()).toEqual(table.map((route) => `${route.method} ${route.path}`).sort());
  });

  it("refuse a request without an access token where the table asks for one, and only there", async () => {
    for (const route of table) {
      const response = await call(route);
      const { code } = (await response.json()) as { code?: string };
      const refused = response.status === 401 && code === "UNAUTHORIZED";
      expect(refused, `${route.method} ${route.path}`).toBe(route.auth !== "public");
    }
  });

  it("name the action of every route that needs a recent sign-in, so a bound step-up can be checked there", () => {
    for (const route of withAuth("recent-sign-in")) expect(route.action, `${route.method} ${route.path}`).toBeDefined();
    for (const route of table.filter((r) => r.auth !== "recent-sign-in")) expect(route.action).toBeUndefined();
  });

  it("ask for a recent sign-in where the table says so, and let an old one through elsewhere", async () => {
    for (const route of withAuth("recent-sign-in")) {
      const response = await call(route, STALE);
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
      expect(await response.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
    }
    for (const route of withAuth("access-token")) {
      const response = await call(route, STALE);
      expect(await response.json(), `${route.method} ${route.path}`).toEqual({
        code: reachedHandler.code,
        message: reachedHandler.message,
      });
    }
  });
});
