import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { ALICE, BOB, startTestApi } from "@latchkey/testkit/api";
import { TEST_ORIGIN, TEST_RP_ID } from "@latchkey/testkit/config";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.table.calls.reset();
});
const NOT_FOUND = { status: 404, body: { code: "NOT_FOUND", message: "No such passkey." } };
const call: typeof api.call = (...args) => api.call(...args);
const signIn: typeof api.signIn = (...args) => api.signIn(...args);
const register: typeof api.register = (...args) => api.register(...args);
const refresh: typeof api.refresh = (...args) => api.refresh(...args);

describe("passkey management", () => {
  it("registers, lists, renames and deletes a passkey", async () => {
    const token = signIn(ALICE);
    const { softKey, options, verified } = await register(ALICE, token);
    expect(options).toMatchObject({
      rp: { id: TEST_RP_ID },
      user: { id: Buffer.from(ALICE.username).toString("base64url"), name: ALICE.email },
      pubKeyCredParams: [{ alg: -7 }, { alg: -8 }, { alg: -257 }],
      authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
      attestation: "none",
      excludeCredentials: [],
    });
    expect(verified.status).toBe(201);
    const summary = {
      id: softKey.id,
      friendlyName: "My key",
      authenticatorName: "Latchkey soft authenticator (test fixture)",
      iconLight: null,
      lastUsedAt: null,
      backedUp: false,
      transports: ["internal"],
      rpId: TEST_RP_ID,
    };
    expect(await verified.json()).toMatchObject(summary);

    const listed = await call("GET", "", { token });
    expect(await listed.json()).toEqual([expect.objectContaining(summary)]);

    const renamed = await call("PATCH", `/${softKey.id}`, { token, body: { friendlyName: "  Laptop " } });
    expect(await renamed.json()).toMatchObject({ id: softKey.id, friendlyName: "Laptop" });
    const decomposed = await call("PATCH", `/${softKey.id}`, { token, body: { friendlyName: "Ju\u0308rgen's key" } });
    expect(await decomposed.json()).toMatchObject({ friendlyName: "J\u00fcrgen's key" });

    expect((await call("DELETE", `/${softKey.id}`, { token })).status).toBe(204);
    expect(await (await call("GET", "", { token })).json()).toEqual([]);
    const deletedAgain = await call("DELETE", `/${softKey.id}`, { token });
    expect({ status: deletedAgain.status, body: await deletedAgain.json() }).toEqual(NOT_FOUND);
  });

  it("registers in at most 5 DynamoDB calls, options included (the last the address's owner), and deletes in 2", async () => {
    const { softKey, verified } = await register(BOB);
    expect(verified.status).toBe(201);
    expect(api.table.calls.sent).toEqual([
      "QueryCommand",
      "PutItemCommand",
      "UpdateItemCommand",
      "PutItemCommand",
      "PutItemCommand",
    ]);
    api.table.calls.reset();
    expect((await call("DELETE", `/${softKey.id}`, { token: signIn(BOB) })).status).toBe(204);
    expect(api.table.calls.sent).toEqual(["DeleteItemCommand", "UpdateItemCommand"]);
  });

  it("refuses to register more passkeys than a user may have: 409 PASSKEY_LIMIT_REACHED, and lists them all", async () => {
    const user = { ...ALICE, username: crypto.randomUUID() };
    const token = signIn(user);
    for (let i = 0; i < 20; i++) expect((await register(user, token)).verified.status).toBe(201);
    const refused = await call("POST", "/registration/options", { token, body: {} });
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 409,
      body: { code: "PASSKEY_LIMIT_REACHED", message: expect.stringContaining("20 passkeys") },
    });
    const listed = (await (await call("GET", "", { token })).json()) as { id: string }[];
    expect(listed).toHaveLength(20);
    expect((await call("DELETE", `/${listed[0]?.id}`, { token })).status).toBe(204);
    expect((await register(user, token)).verified.status).toBe(201);
  });

  it("excludes the user's passkeys from new registration options", async () => {
    const token = signIn(ALICE);
    const { softKey } = await register(ALICE, token);
    const options = (await (
      await call("POST", "/registration/options", { token, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    expect(options.excludeCredentials?.map((credential) => credential.id)).toContain(softKey.id);
  });

  it("never shows or changes another user's passkeys: 404", async () => {
    const { softKey } = await register(ALICE);
    const bob = signIn(BOB);
    const theirs = (await (await call("GET", "", { token: bob })).json()) as { id: string }[];
    expect(theirs.map((passkey) => passkey.id)).not.toContain(softKey.id);
    const rename = await call("PATCH", `/${softKey.id}`, { token: bob, body: { friendlyName: "mine now" } });
    expect({ status: rename.status, body: await rename.json() }).toEqual(NOT_FOUND);
    const deleted = await call("DELETE", `/${softKey.id}`, { token: bob });
    expect({ status: deleted.status, body: await deleted.json() }).toEqual(NOT_FOUND);
    const alices = (await (await call("GET", "", { token: signIn(ALICE) })).json()) as {
      id: string;
      friendlyName: string;
    }[];
    expect(alices.find((passkey) => passkey.id === softKey.id)?.friendlyName).toBe("My key");
  });

  it("refuses a credential ID that is already registered: 409", async () => {
    const credentialId = crypto.getRandomValues(new Uint8Array(32));
    await register(ALICE, signIn(ALICE), softAuthenticator({ credentialId }));
    const { verified } = await register(BOB, signIn(BOB), softAuthenticator({ credentialId }));
    expect(verified.status).toBe(409);
    expect(await verified.json()).toMatchObject({ code: "CREDENTIAL_EXISTS" });
  });

  it("needs a recent sign-in to register or delete, not to list or rename", async () => {
    const { softKey } = await register(ALICE);
    const stale = signIn(ALICE, 601);
    for (const [method, path, body] of [
      ["POST", "/registration/options", {}],
      ["POST", "/registration/verify", { response: {} }],
      ["DELETE", `/${softKey.id}`, undefined],
    ] as const) {
      const response = await call(method, path, { token: stale, body });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
    }
    expect((await call("GET", "", { token: stale })).status).toBe(200);
    expect((await call("PATCH", `/${softKey.id}`, { token: stale, body: { friendlyName: "ok" } })).status).toBe(200);
  });

  it("counts a step-up bound to one action as a recent sign-in for that action only", async () => {
    const { softKey } = await register(ALICE);
    const expectRefused = async (response: Response) => {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
    };
    const forDeletion = signIn(ALICE, 0, "delete-passkey");
    await expectRefused(await call("POST", "/registration/options", { token: forDeletion, body: {} }));
    await expectRefused(await call("POST", "/registration/verify", { token: forDeletion, body: { response: {} } }));

    const forRegistration = signIn(ALICE, 0, "register-passkey");
    const { verified } = await register(ALICE, forRegistration);
    expect(verified.status).toBe(201);
    await expectRefused(await call("DELETE", `/${softKey.id}`, { token: forRegistration }));
    // An app's own action is none of these; a stale sign-in stays stale whatever it was bound to.
    for (const token of [signIn(ALICE, 0, "change-email"), signIn(ALICE, 601, "delete-passkey")]) {
      await expectRefused(await call("DELETE", `/${softKey.id}`, { token }));
    }
    // Bound or not, a token is still the user's for what needs no recent sign-in.
    expect((await call("GET", "", { token: forDeletion })).status).toBe(200);
    expect((await call("DELETE", `/${softKey.id}`, { token: forDeletion })).status).toBe(204);
  });

  it("never counts a refreshed token as a recent sign-in: a refresh keeps auth_time but drops the step-up's binding", async () => {
    const { softKey } = await register(ALICE);
    // Bound to deletion, a minute ago: refreshed, it would come back unbound and good for any action.
    const refreshed = refresh(signIn(ALICE, 60, "delete-passkey"));
    for (const [method, path, body] of [
      ["POST", "/registration/options", {}],
      ["DELETE", `/${softKey.id}`, undefined],
    ] as const) {
      const response = await call(method, path, { token: refreshed, body });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
    }
    await expect(
      call("POST", "/registration/options", { token: refresh(signIn(ALICE, 60)), body: {} }),
    ).resolves.toMatchObject({ status: 401 });
    // Still the user's for what needs no recent sign-in; and a token issued within the trigger's time of
    // its sign-in is the sign-in's own.
    expect((await call("GET", "", { token: refreshed })).status).toBe(200);
    expect((await call("POST", "/registration/options", { token: refresh(signIn(ALICE, 20)), body: {} })).status).toBe(
      200,
    );
  });

  it("refuses registration by a stolen token's holder once the sign-in is old, even with fresh options", async () => {
    const fresh = signIn(ALICE);
    const options = (await (
      await call("POST", "/registration/options", { token: fresh, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const response = softAuthenticator().register(options, { origin: TEST_ORIGIN });
    const verified = await call("POST", "/registration/verify", { token: signIn(ALICE, 3600), body: { response } });
    expect(verified.status).toBe(401);
    expect(await verified.json()).toMatchObject({ code: "RECENT_SIGN_IN_REQUIRED" });
  });

  it("refuses a registration response made for another user's options", async () => {
    const options = (await (
      await call("POST", "/registration/options", { token: signIn(ALICE), body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const response = softAuthenticator().register(options, { origin: TEST_ORIGIN });
    const verified = await call("POST", "/registration/verify", { token: signIn(BOB), body: { response } });
    expect(verified.status).toBe(400);
    expect(await verified.json()).toMatchObject({ code: "CHALLENGE_INVALID" });
  });

  it("needs a valid access token", async () => {
    for (const token of [undefined, "not-a-jwt", "a.b.c"]) {
      const response = await call("GET", "", { ...(token && { token }) });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("refuses, on every management route, a token the pool no longer accepts, before touching the table", async () => {
    const { softKey } = await register(ALICE);
    const token = signIn(ALICE);
    api.revoke(token);
    api.table.calls.reset();
    for (const [method, path, body] of [
      ["POST", "/registration/options", {}],
      ["POST", "/registration/verify", { response: {} }],
      ["GET", "", undefined],
      ["PATCH", `/${softKey.id}`, { friendlyName: "Renamed" }],
      ["DELETE", `/${softKey.id}`, undefined],
    ] as const) {
      const response = await call(method, path, { token, body });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        code: "UNAUTHORIZED",
        message: "This sign-in has ended; sign in again.",
      });
    }
    expect(api.table.calls.total()).toBe(0);
  });

  it("answers bad input with a 4xx and a code, never a 5xx", async () => {
    const token = signIn(ALICE);
    const options = (await (
      await call("POST", "/registration/options", { token, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const good = softAuthenticator().register(options, { origin: TEST_ORIGIN });
    const garbageCbor = { ...good, response: { ...good.response, attestationObject: "AAAAAAAA" } };
    const cases: [string, string, { body?: unknown; raw?: string }, number, string][] = [
      ["POST", "/registration/verify", { raw: "{" }, 400, "BAD_REQUEST"],
      ["POST", "/registration/verify", { body: { response: "x" } }, 400, "BAD_REQUEST"],
      ["POST", "/registration/verify", { body: { response: { ...good, id: "%%" } } }, 400, "BAD_REQUEST"],
      [
        "POST",
        "/registration/verify",
        { body: { response: { ...good, response: { ...good.response, attestationObject: "a+b/" } } } },
        400,
        "BAD_REQUEST",
      ],
      ["POST", "/registration/verify", { body: { response: garbageCbor } }, 400, "VERIFICATION_FAILED"],
      [
        "POST",
        "/registration/verify",
        { body: { response: good, friendlyName: "x".repeat(65) } },
        400,
        "INVALID_FRIENDLY_NAME",
      ],
      [
        "POST",
        "/registration/verify",
        { body: { response: good, friendlyName: "Laptop\u202Egpj.exe" } },
        400,
        "INVALID_FRIENDLY_NAME",
      ],
      ["POST", "/registration/verify", { body: { response: good, friendlyName: 7 } }, 400, "BAD_REQUEST"],
      [
        "POST",
        "/registration/verify",
        { raw: JSON.stringify({ response: good, pad: "x".repeat(70_000) }) },
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      ["POST", "/registration/options", { body: { rpId: "evil.example" } }, 400, "BAD_REQUEST"],
      ["PATCH", "/not*base64", { body: { friendlyName: "x" } }, 400, "BAD_REQUEST"],
      ["PATCH", `/${"A".repeat(1400)}`, { body: { friendlyName: "x" } }, 400, "BAD_REQUEST"],
      ["PATCH", "/AAAA", { body: { friendlyName: "bad\u0000name" } }, 400, "INVALID_FRIENDLY_NAME"],
      ["PATCH", "/AAAA", { body: { friendlyName: "" } }, 400, "INVALID_FRIENDLY_NAME"],
      ["PATCH", "/AAAA", { body: { friendlyName: "Lap\u200Btop" } }, 400, "INVALID_FRIENDLY_NAME"],
      ["PATCH", "/AAAA", { body: { friendlyName: "\u2067Laptop\u2069" } }, 400, "INVALID_FRIENDLY_NAME"],
      ["PATCH", "/AAAA", { body: {} }, 400, "BAD_REQUEST"],
    ];
    for (const [method, path, input, status, code] of cases) {
      const response = await call(method, path, { token, ...input });
      expect({ path, status: response.status, body: await response.json() }).toMatchObject({ status, body: { code } });
    }
  });

  it("makes options for the RP ID of the calling page's origin", async () => {
    const response = await call("POST", "/registration/options", {
      token: signIn(ALICE),
      body: {},
      origin: "https://other.example",
    });
    expect(((await response.json()) as PublicKeyCredentialCreationOptionsJSON).rp.id).toBe("other.example");
  });
});
