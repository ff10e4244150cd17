import type { PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import type { PasskeyAccount } from "@latchkey/protocol";
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

const account = async (token: string, origin = TEST_ORIGIN) => {
  const response = await api.call("GET", "/account", { token, origin });
  return { status: response.status, body: (await response.json()) as PasskeyAccount };
};

/** A passkey, for the second RP ID, of the user `token` signs in, registered from that RP's own origin. */
async function registerOnOtherRp(token: string) {
  const options = (await (
    await api.call("POST", "/registration/options", { token, body: { rpId: "other.example" } })
  ).json()) as PublicKeyCredentialCreationOptionsJSON;
  const softKey = softAuthenticator();
  const response = softKey.register(options, { origin: "https://other.example" });
  expect((await api.call("POST", "/registration/verify", { token, body: { response } })).status).toBe(201);
  return softKey.id;
}

describe("GET /passkeys/account", () => {
  it("names the caller's WebAuthn account for the page's RP ID: handle, names, every passkey there", async () => {
    const user = { ...ALICE, username: crypto.randomUUID() };
    const token = api.signIn(user);
    const first = (await api.register(user, token)).softKey.id;
    const second = (await api.register(user, token)).softKey.id;
    const elsewhere = await registerOnOtherRp(token);
    await api.register(BOB);

    expect(await account(token)).toEqual({
      status: 200,
      body: {
        rpId: TEST_RP_ID,
        userId: Buffer.from(user.username, "utf8").toString("base64url"),
        name: user.email,
        displayName: user.email,
        credentialIds: [first, second],
      },
    });
    // The other RP ID's page gets that RP ID's list: complete for it, and nothing of the first.
    expect((await account(token, "https://other.example")).body).toMatchObject({
      rpId: "other.example",
      credentialIds: [elsewhere],
    });
  });

  it("names the same user handle, name and display name as registration options", async () => {
    const token = api.signIn(ALICE);
    const options = (await (
      await api.call("POST", "/registration/options", { token, body: {} })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    const { body } = await account(token);
    expect(body).toMatchObject({ rpId: options.rp.id, userId: options.user.id, name: options.user.name });
    expect(body.displayName).toBe(options.user.displayName);
  });

  it("answers an empty list for a user without passkeys, so a password manager can drop stale ones", async () => {
    const user = { ...BOB, username: crypto.randomUUID() };
    expect((await account(api.signIn(user))).body.credentialIds).toEqual([]);
  });

  it("takes one DynamoDB query, and needs no recent sign-in", async () => {
    const token = api.signIn(ALICE, 3600);
    expect((await account(token)).status).toBe(200);
    expect(api.table.calls.sent).toEqual(["QueryCommand"]);
  });

  it("refuses a missing or ended sign-in: 401 UNAUTHORIZED", async () => {
    expect((await account("not-a-token")).status).toBe(401);
    const token = api.signIn(ALICE);
    api.revoke(token);
    expect(await account(token)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
  });
});
