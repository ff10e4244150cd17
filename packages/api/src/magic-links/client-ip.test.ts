import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { apiGatewayClientIp } from "./client-ip.ts";

const app = new Hono().get("/", (c) => c.text(apiGatewayClientIp(c) ?? "none"));
const spoof = { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.67" };

describe("apiGatewayClientIp", () => {
  it("takes a REST API (v1) event's requestContext.identity.sourceIp", async () => {
    const env = { event: { requestContext: { identity: { sourceIp: "203.0.113.1" } } } };
    expect(await (await app.request("/", { headers: spoof }, env)).text()).toBe("203.0.113.1");
  });

  it("takes an HTTP API (v2) event's requestContext.http.sourceIp", async () => {
    const env = { event: { requestContext: { http: { sourceIp: "2001:db8::1" } } } };
    expect(await (await app.request("/", { headers: spoof }, env)).text()).toBe("2001:db8::1");
  });

  it("has no address without a Lambda event, whatever the forwarded headers say", async () => {
    expect(await (await app.request("/", { headers: spoof })).text()).toBe("none");
  });
});
