/**
 * The local stack's admin API: its gateway checks every request's SigV4 signature as API Gateway's
 * IAM authorization does, refuses what fails with a 403, and hands what passes to the admin app with
 * the caller in the event's authorizer context. (Every refusal of the check: test/sigv4; the routes:
 * packages/api; their effects on sign-in: test/e2e/admin-api.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { adminFetch, LOCAL_ADMIN_CREDENTIALS, type LocalStack, startLocalStack } from "../src/index.ts";

let stack: LocalStack;
let username: string;
beforeAll(async () => {
  stack = await startLocalStack();
  ({ username } = await stack.createUser("admin-gateway@example.com"));
});
afterAll(() => stack?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const signedFetch = (path: string, init: Partial<Parameters<typeof adminFetch>[1]> = {}) =>
  adminFetch(`${stack.urls.admin}${path}`, { credentials: LOCAL_ADMIN_CREDENTIALS, region: stack.region, ...init });
const refusal = async (response: Response) => ({
  status: response.status,
  type: response.headers.get("x-amzn-errortype"),
  body: await response.json(),
});

describe("the local admin API", () => {
  it("answers a request signed with the stack's credentials, as the local principal", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "info").mockImplementation((line: string) => void lines.push(line));
    const response = await signedFetch(`/admin/users?email=${encodeURIComponent("admin-gateway@example.com")}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username, email: "admin-gateway@example.com" });
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({
      msg: "admin read",
      caller: "arn:aws:iam::000000000000:user/local",
      requestId: expect.any(String),
    });
    const signOut = await signedFetch(`/admin/users/${username}/sign-out`, { method: "POST" });
    expect(signOut.status).toBe(204);
  });

  it("refuses an unsigned request with API Gateway's 403, before the admin app", async () => {
    for (const method of ["GET", "DELETE", "POST"]) {
      const response = await fetch(`${stack.urls.admin}/admin/users/${username}/passkeys`, { method });
      expect(await refusal(response)).toEqual({
        status: 403,
        type: "ForbiddenException",
        body: { message: "Forbidden" },
      });
    }
  });

  it("refuses a bad signature, an expired one and unknown credentials", async () => {
    const wrongSecret = await signedFetch(`/admin/users/${username}`, {
      credentials: { ...LOCAL_ADMIN_CREDENTIALS, secretAccessKey: "guessed" },
    });
    expect(await refusal(wrongSecret)).toMatchObject({ status: 403, type: "InvalidSignatureException" });
    const expired = await signedFetch(`/admin/users/${username}`, { signingDate: new Date(Date.now() - 600_000) });
    expect(await refusal(expired)).toMatchObject({
      status: 403,
      type: "InvalidSignatureException",
      body: { message: expect.stringMatching(/^Signature expired: /) },
    });
    const stranger = await signedFetch(`/admin/users/${username}`, {
      credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "their-secret" },
    });
    expect(await refusal(stranger)).toEqual({
      status: 403,
      type: "UnrecognizedClientException",
      body: { message: "The security token included in the request is invalid." },
    });
    const otherRegion = await signedFetch(`/admin/users/${username}`, { region: "eu-west-1" });
    expect(await refusal(otherRegion)).toMatchObject({ status: 403, type: "InvalidSignatureException" });
  });

  it("is on a port of its own: the public api serves no admin route", async () => {
    expect(new URL(stack.urls.admin).port).not.toBe(new URL(stack.urls.api).port);
    // The public api serves no admin route.
    const onApi = await fetch(`${stack.urls.api}/admin/users/${username}`);
    expect(onApi.status).toBe(404);
  });
});
