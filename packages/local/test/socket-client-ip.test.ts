import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { socketClientIp } from "../src/socket-client-ip.ts";

const app = new Hono().get("/", (c) => c.text(socketClientIp(c) ?? "none"));
const spoof = { "x-forwarded-for": "198.51.100.66", "x-real-ip": "198.51.100.67" };

describe("socketClientIp", () => {
  const server = createServer(getRequestListener(app.fetch));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("takes the socket's peer under @hono/node-server, ignoring forwarded headers", async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: spoof });
    expect(await response.text()).toBe("127.0.0.1");
  });
});
