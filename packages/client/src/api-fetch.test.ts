import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiFetch } from "./api-fetch.ts";
import { configure } from "./session/default-session.ts";

/** Answers each path as the deployed api or API Gateway in front of it would. */
const answers: Record<string, { status: number; headers?: Record<string, string>; body: string }> = {
  // API Gateway's JWT authorizer refusing a token before the function runs: its own body, no code.
  "/gateway-refusal": {
    status: 401,
    headers: { "www-authenticate": 'Bearer scope="" error="invalid_token" error_description="the token has expired"' },
    body: '{"message":"Unauthorized"}',
  },
  "/api-refusal": { status: 401, body: '{"code":"RECENT_SIGN_IN_REQUIRED","message":"Sign in again."}' },
  "/gateway-error": { status: 503, body: '{"message":"Service Unavailable"}' },
};

let server: Server;
beforeAll(async () => {
  server = createServer((req, res) => {
    const answer = answers[req.url ?? ""] ?? { status: 404, body: "{}" };
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  configure({ cognito: { userPoolId: "us-east-1_Test1", clientId: "client1" }, apiUrl: `http://127.0.0.1:${port}` });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("an error answer", () => {
  it("from the gateway's token check, a 401 without a code, is UNAUTHORIZED as the api's own refusal is", async () => {
    await expect(apiFetch("/gateway-refusal")).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });

  it("keeps the api's code when it has one", async () => {
    await expect(apiFetch("/api-refusal")).rejects.toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED", status: 401 });
  });

  it("without a code and of another status stays HTTP_ERROR", async () => {
    await expect(apiFetch("/gateway-error")).rejects.toMatchObject({ code: "HTTP_ERROR", status: 503 });
  });
});
