import { startTestApi } from "@latchkey/testkit/api";
import { TEST_ORIGIN } from "@latchkey/testkit/config";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

/** The warnings the api logged while `send` ran, parsed. */
async function warningsOf(send: () => Response | Promise<Response>): Promise<Record<string, unknown>[]> {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await send();
  return warn.mock.calls.map(([line]) => JSON.parse(String(line)));
}

describe("a request from an origin the api does not allow", () => {
  it("is logged with the origin and the allowed ones, since the page itself only sees a network error", async () => {
    const warnings = await warningsOf(() =>
      api.call("POST", "/authentication/options", { body: {}, origin: "http://localhost:5174" }),
    );
    expect(warnings).toEqual([
      {
        level: "warn",
        msg: "origin not allowed",
        requestId: expect.any(String),
        origin: "http://localhost:5174",
        allowedOrigins: expect.arrayContaining([TEST_ORIGIN]),
      },
    ]);
  });

  it("keeps at most 200 characters of the header", async () => {
    const origin = `https://${"a".repeat(500)}.example`;
    const [warning] = await warningsOf(() => api.call("OPTIONS", "", { origin }));
    expect(warning?.origin).toBe(origin.slice(0, 200));
  });

  it("is not logged for an allowed origin, nor for a request without one", async () => {
    expect(
      await warningsOf(() => api.call("POST", "/authentication/options", { body: {}, origin: TEST_ORIGIN })),
    ).toEqual([]);
    expect(await warningsOf(() => api.call("POST", "/authentication/options", { body: {} }))).toEqual([]);
  });
});
