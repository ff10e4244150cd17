import { generateKeyPairSync } from "node:crypto";
import { type DirectoryUser, LatchkeyError, type UserDirectory } from "@latchkey/core";
import { ed25519Signer } from "@latchkey/core/signing";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@latchkey/core/webauthn";
import {
  type LocalTable,
  softAuthenticator,
  startLocalTable,
  TEST_ORIGIN,
  TEST_RP_ID,
  testConfig,
} from "@latchkey/core/webauthn/fixtures";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SignedInUser } from "../access-token.ts";
import { createApp } from "../app.ts";

const ALICE = { username: "a11ce000-0000-4000-8000-000000000001", email: "alice@example.com", enabled: true };
const BOB = { username: "b0b00000-0000-4000-8000-000000000002", email: "bob@example.com", enabled: true };
const aaguids = new URL("../../../../test/fixtures/passkeys/aaguids.json", import.meta.url).pathname;
const SOFT_AAGUID = "6a0bc2a4-3b2c-4d8e-9f10-1a2b3c4d5e6f";

/** The user pool as a port: a map of users (the Cognito adapter itself runs in the end-to-end suites). */
function memoryDirectory(users: DirectoryUser[]): UserDirectory {
  return {
    findByEmail: async (email) => users.find((user) => user.email === email),
    getUser: async (username) => users.find((user) => user.username === username),
    createUser: async () => {
      throw new Error("not used by passkeys");
    },
  };
}

/** Access tokens as a port: opaque JWT-shaped strings mapped to signed-in users. */
const sessions = new Map<string, SignedInUser>();
const accessTokens = {
  async verify(token: string) {
    const user = sessions.get(token);
    if (!user) throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.");
    return user;
  },
};
function signIn(user: DirectoryUser, ageSeconds = 0): string {
  const token = `h.${user.username}.${ageSeconds}`;
  sessions.set(token, { username: user.username, authTime: Math.floor(Date.now() / 1000) - ageSeconds });
  return token;
}

let table: LocalTable;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  table = await startLocalTable();
  const { privateKey } = generateKeyPairSync("ed25519");
  app = createApp({
    config: testConfig({ LATCHKEY_AAGUID_SOURCE: aaguids }),
    table,
    mailer: { send: async () => {} },
    directory: memoryDirectory([ALICE, BOB]),
    signer: ed25519Signer(privateKey.export({ format: "pem", type: "pkcs8" }).toString()),
    clock: { now: () => Date.now() },
    accessTokens,
  });
});
afterAll(() => table.close());
beforeEach(() => {
  table.calls.length = 0;
});

function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; origin?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers["content-type"] = "application/json";
  if (options.origin) headers.origin = options.origin;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return app.request(`/passkeys${path}`, { method, headers, ...(body !== undefined && { body }) });
}

async function register(
  user: DirectoryUser,
  token = signIn(user),
  softKey = softAuthenticator({ aaguid: SOFT_AAGUID }),
) {
  const options = (await (
    await call("POST", "/registration/options", { token, body: {} })
  ).json()) as PublicKeyCredentialCreationOptionsJSON;
  const response = softKey.register(options, { origin: TEST_ORIGIN });
  const verified = await call("POST", "/registration/verify", { token, body: { response, friendlyName: "My key" } });
  return { softKey, options, response, verified };
}

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

    expect((await call("DELETE", `/${softKey.id}`, { token })).status).toBe(204);
    expect(await (await call("GET", "", { token })).json()).toEqual([]);
    expect((await call("DELETE", `/${softKey.id}`, { token })).status).toBe(404);
  });

  it("registers in at most 3 DynamoDB calls, options included", async () => {
    const { verified } = await register(BOB);
    expect(verified.status).toBe(201);
    expect(table.calls).toHaveLength(3);
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
    expect(rename.status).toBe(404);
    expect(await rename.json()).toEqual({ code: "NOT_FOUND", message: "No such passkey." });
    expect((await call("DELETE", `/${softKey.id}`, { token: bob })).status).toBe(404);
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

  it("refuses registration by a stolen token's holder once the sign-in is old, even with fresh options", async () => {
    const fresh = signIn(ALICE);
    const options = (await (
      await call("POST", "/registration/options", { token: fresh, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const response = softAuthenticator().register(options, { origin: TEST_ORIGIN });
    const verified = await call("POST", "/registration/verify", { token: signIn(ALICE, 3600), body: { response } });
    expect(verified.status).toBe(401);
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
      ["POST", "/registration/verify", { body: { response: good, friendlyName: "x".repeat(65) } }, 400, "BAD_REQUEST"],
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
      ["PATCH", "/AAAA", { body: { friendlyName: "bad\u0000name" } }, 400, "BAD_REQUEST"],
      ["PATCH", "/AAAA", { body: { friendlyName: "" } }, 400, "BAD_REQUEST"],
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

describe("sign-in options", () => {
  const options = async (body: unknown) =>
    (await (await call("POST", "/authentication/options", { body })).json()) as PublicKeyCredentialRequestOptionsJSON;

  it("are usernameless without a username, and read nothing", async () => {
    for (const body of [{}, { username: "" }, { username: "   " }]) {
      expect(await options(body)).toMatchObject({
        rpId: TEST_RP_ID,
        allowCredentials: [],
        userVerification: "required",
      });
    }
    expect(table.calls).toEqual([]);
  });

  it("list the credentials of a user found by email or by username", async () => {
    const { softKey } = await register(BOB);
    for (const username of [BOB.email, BOB.username]) {
      const ids = (await options({ username })).allowCredentials?.map((credential) => credential.id);
      expect(ids).toContain(softKey.id);
    }
  });

  it("look the same for an unknown account or one without passkeys, and repeat", async () => {
    const lonely = { username: "10ne1y00-0000-4000-8000-000000000003", email: "lonely@example.com", enabled: true };
    for (const username of ["nobody@example.com", lonely.username, "no-such-user"]) {
      const first = await options({ username });
      const second = await options({ username });
      expect(first.allowCredentials).toHaveLength(1);
      expect(first.allowCredentials).toEqual(second.allowCredentials);
      expect(Object.keys(first).sort()).toEqual([
        "allowCredentials",
        "challenge",
        "rpId",
        "timeout",
        "userVerification",
      ]);
      expect(first.challenge).not.toBe(second.challenge);
    }
  });

  it("refuse malformed bodies with a 400", async () => {
    for (const raw of ["{", JSON.stringify({ username: 42 }), JSON.stringify({ username: "x".repeat(300) })]) {
      const response = await call("POST", "/authentication/options", { raw });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});
