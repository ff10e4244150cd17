import { startTestApi } from "@latchkey/testkit/api";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { requestFlow } from "./request-flow.ts";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());
const info = vi.spyOn(console, "info").mockImplementation(() => {});
afterEach(() => info.mockClear());
const lines = () => info.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);

describe("requestFlow", () => {
  it("names a request by the protocol's name of its route, a preflight as such, anything else notFound", () => {
    expect(requestFlow("POST", "/magic-links")).toBe("requestMagicLink");
    expect(requestFlow("DELETE", "/passkeys/AbC-_1")).toBe("deletePasskey");
    expect(requestFlow("PATCH", "/passkeys/AbC-_1")).toBe("renamePasskey");
    expect(requestFlow("GET", "/.well-known/webauthn")).toBe("relatedOrigins");
    expect(requestFlow("OPTIONS", "/magic-links")).toBe("preflight");
    expect(requestFlow("GET", "/magic-links")).toBe("notFound");
    expect(requestFlow("DELETE", "/passkeys/a/b")).toBe("notFound");
    expect(requestFlow("OPTIONS", "/nothing-here")).toBe("notFound");
  });
});

describe("a request's line", () => {
  it("carries API Gateway's request id and Lambda's, as hono/aws-lambda passes them", async () => {
    const env = { event: { requestContext: { requestId: "apigw-1" } }, lambdaContext: { awsRequestId: "lambda-1" } };
    const response = await api.app.fetch(new Request("http://api.example/health"), env);
    expect(response.status).toBe(200);
    expect(lines()).toEqual([
      {
        level: "info",
        msg: "request",
        requestId: "apigw-1",
        flow: "health",
        outcome: "ok",
        lambdaRequestId: "lambda-1",
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it("is one per request, a refused one with its error code as the reason", async () => {
    await api.call("POST", "/registration/options", { body: {} });
    expect(lines()).toEqual([
      expect.objectContaining({
        flow: "registrationOptions",
        outcome: "refused",
        reason: "UNAUTHORIZED",
        code: "UNAUTHORIZED",
        status: 401,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    ]);
  });
});
