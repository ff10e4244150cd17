import { LatchkeyError } from "@latchkey/core";
import type { AdminErrorCode, ErrorCode } from "@latchkey/protocol";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AdminError } from "./admin-error.ts";
import { onAdminError } from "./on-admin-error.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const throwing = (error: unknown) =>
  new Hono()
    .get("/", () => {
      throw error;
    })
    .onError(onAdminError);

async function respond(error: unknown) {
  const logged = vi.spyOn(console, "error").mockImplementation(() => {});
  const response = await throwing(error).request("/");
  const calls = logged.mock.calls.length;
  logged.mockRestore();
  return { status: response.status, body: await response.json(), logged: calls };
}

describe("the admin API's error responses", () => {
  it.each<[AdminErrorCode, number]>([
    ["BAD_REQUEST", 400],
    ["INVALID_EMAIL", 400],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["USER_NOT_FOUND", 404],
    ["SERVICE_UNAVAILABLE", 503],
    ["INTERNAL", 500],
  ])("answer an AdminError %s with %i and its code, unlogged", async (code, status) => {
    expect(await respond(new AdminError(code, "What went wrong."))).toEqual({
      status,
      body: { code, message: "What went wrong." },
      logged: 0,
    });
  });

  it("keep the code of a refusal of core's that the admin API shares", async () => {
    for (const code of ["BAD_REQUEST", "INVALID_EMAIL", "NOT_FOUND"] as const) {
      expect(await respond(new LatchkeyError(code, "No."))).toMatchObject({ body: { code, message: "No." } });
    }
  });

  it("say INTERNAL for any other error of core's, or anything else, and log it", async () => {
    for (const code of ["RATE_LIMITED", "UNAUTHORIZED", "INTERNAL"] satisfies ErrorCode[]) {
      expect(await respond(new LatchkeyError(code, "Detail for the log."))).toEqual({
        status: 500,
        body: { code: "INTERNAL", message: "Internal error." },
        logged: 1,
      });
    }
    expect(await respond(new Error("a bug"))).toMatchObject({ status: 500, body: { code: "INTERNAL" }, logged: 1 });
  });

  it("say SERVICE_UNAVAILABLE for an outage, core's or the SDK's, and log it", async () => {
    const sdkOutage = Object.assign(new Error("socket hang up"), { $metadata: {}, $fault: "server" });
    for (const error of [new LatchkeyError("SERVICE_UNAVAILABLE", "Could not store."), sdkOutage]) {
      expect(await respond(error)).toEqual({
        status: 503,
        body: { code: "SERVICE_UNAVAILABLE", message: "A service Latchkey depends on failed; try again later." },
        logged: 1,
      });
    }
  });
});
