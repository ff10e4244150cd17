import { testConfig } from "@latchkey/testkit/config";
import { describe, expect, it } from "vitest";
import { createApp } from "./create-app.ts";
import type { ApiDeps } from "./deps.ts";

/** The route reads the config alone: nothing else of the deps is reached. */
const appWith = (env: Record<string, string>) => createApp({ config: testConfig(env) } as unknown as ApiDeps);

describe("GET /.well-known/webauthn", () => {
  it("lists the related origins, as browsers read them for the first RP ID", async () => {
    const app = appWith({ LATCHKEY_RELATED_ORIGINS: "https://other.example" });
    const response = await app.request("/.well-known/webauthn");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ origins: ["https://other.example"] });
  });

  it("is a 404 NOT_FOUND for a deployment without related origins", async () => {
    const response = await appWith({}).request("/.well-known/webauthn");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
