import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.ts";

const app = new Hono().get("/", (c) => c.text(clientIp(c)));
const spoof = { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.67" };

describe("clientIp", () => {
  it("takes a REST API (v1) event's requestContext.identity.sourceIp", async () => {
    const env = { event: { requestContext: { identity: { sourceIp: "203.0.113.1" } } } };
    expect(await (await app.request("/", { headers: spoof }, env)).text()).toBe("203.0.113.1");
  });

  it("takes an HTTP API (v2) event's requestContext.http.sourceIp", async () => {
    const env = { event: { requestContext: { http: { sourceIp: "2001:db8::1" } } } };
    expect(await (await app.request("/", { headers: spoof }, env)).text()).toBe("2001:db8::1");
  });

  it("falls back to one shared bucket without a platform address, ignoring forwarded headers", async () => {
    expect(await (await app.request("/", { headers: spoof })).text()).toBe("unknown");
  });

  const server = createServer(getRequestListener(app.fetch));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("takes the socket's peer under @hono/node-server", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: spoof });
    expect(await response.text()).toBe("127.0.0.1");
  });
});
