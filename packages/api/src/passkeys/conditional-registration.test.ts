import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { ALICE, startTestApi } from "@latchkey/testkit/api";
import { TEST_ORIGIN } from "@latchkey/testkit/config";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

async function options(token: string, body: unknown) {
  const response = await api.call("POST", "/registration/options", { token, body });
  return { status: response.status, body: (await response.json()) as PublicKeyCredentialCreationOptionsJSON };
}

/** Options, then a passkey made the way a password manager makes one unprompted: no UP, no UV flag. */
async function registerUnprompted(token: string, body: unknown) {
  const created = (await options(token, body)).body;
  const response = softAuthenticator().register(created, { origin: TEST_ORIGIN, flags: { up: false, uv: false } });
  const verified = await api.call("POST", "/registration/verify", { token, body: { response } });
  return { status: verified.status, body: await verified.json() };
}

describe("registration options for a conditional create", () => {
  it("with mediation: conditional, prefer user verification and accept a passkey made without a prompt", async () => {
    const token = api.signIn({ ...ALICE, username: crypto.randomUUID() });
    const { body } = await options(token, { mediation: "conditional" });
    expect(body.authenticatorSelection?.userVerification).toBe("preferred");
    expect(await registerUnprompted(token, { mediation: "conditional" })).toMatchObject({ status: 201 });
  });

  it("without it, refuse such a passkey", async () => {
    const token = api.signIn({ ...ALICE, username: crypto.randomUUID() });
    expect(await registerUnprompted(token, {})).toMatchObject({ status: 400, body: { code: "VERIFICATION_FAILED" } });
  });

  it("keep the recent sign-in rule", async () => {
    const stale = api.signIn(ALICE, 3600);
    expect(await options(stale, { mediation: "conditional" })).toMatchObject({
      status: 401,
      body: { code: "RECENT_SIGN_IN_REQUIRED" },
    });
  });

  it("refuse any other mediation: 400 BAD_REQUEST", async () => {
    const token = api.signIn(ALICE);
    for (const mediation of ["required", "silent", "", 1]) {
      expect(await options(token, { mediation })).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    }
  });
});
