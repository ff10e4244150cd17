import type { UserDirectory } from "@latchkey/core";
import {
  addressOwnerHash,
  type PublicKeyCredentialRequestOptionsJSON,
  readAddressOwner,
} from "@latchkey/core/passkeys";
import { ALICE, BOB, startTestApi } from "@latchkey/testkit/api";
import { TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.table.calls.reset();
});
const call: typeof api.call = (...args) => api.call(...args);
const register: typeof api.register = (...args) => api.register(...args);

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
    expect(api.table.calls.sent).toEqual([]);
  });

  it("carry a challenge that names neither the account nor the address, the same size for both", async () => {
    const owner = { username: crypto.randomUUID(), email: `named-${crypto.randomUUID()}@example.com` };
    await register(owner);
    const nobody = `nobody-${crypto.randomUUID()}@example.com`;
    const challenges = await Promise.all(
      [owner.email, nobody, owner.username].map(async (username) => (await options({ username })).challenge),
    );
    for (const challenge of challenges) {
      const bytes = Buffer.from(challenge, "base64url");
      for (const name of [owner.username, owner.email, nobody]) expect(bytes.includes(Buffer.from(name))).toBe(false);
    }
    expect(new Set(challenges.map((challenge) => challenge.length)).size).toBe(1);
  });

  it("list the credentials of a user found by email or by username", async () => {
    const { softKey } = await register(BOB);
    for (const username of [BOB.email, BOB.username]) {
      const ids = (await options({ username })).allowCredentials?.map((credential) => credential.id);
      expect(ids).toContain(softKey.id);
    }
  });

  it("cost the same calls for a known address and an unknown one, first time and later: one read, one query, no pool call", async () => {
    const owner = { username: crypto.randomUUID(), email: `owner-${crypto.randomUUID()}@example.com` };
    const { softKey } = await register(owner);
    const shapes: string[][] = [];
    for (const email of [owner.email, `nobody-${crypto.randomUUID()}@example.com`, "not an address@@x"]) {
      for (const round of [1, 2]) {
        api.table.calls.reset();
        api.directoryCalls.length = 0;
        const response = await options({ username: email });
        expect({ email, round, sent: api.table.calls.sent, pool: api.directoryCalls }).toEqual({
          email,
          round,
          sent: ["GetItemCommand", "QueryCommand"],
          pool: [],
        });
        shapes.push(Object.keys(response).sort());
        const ids = response.allowCredentials?.map((credential) => credential.id);
        if (email === owner.email) expect(ids).toEqual([softKey.id]);
        else expect(ids).not.toContain(softKey.id);
      }
    }
    expect(new Set(shapes.map((shape) => shape.join())).size).toBe(1);
  });

  it("list the passkeys of an address's owner in whatever case it is typed", async () => {
    const owner = { username: crypto.randomUUID(), email: `Mixed.Case-${crypto.randomUUID()}@Example.com` };
    const { softKey } = await register(owner);
    for (const typed of [owner.email, owner.email.toLowerCase(), ` ${owner.email.toUpperCase()} `]) {
      expect((await options({ username: typed })).allowCredentials?.map((credential) => credential.id)).toEqual([
        softKey.id,
      ]);
    }
  });

  it("look the same for an unknown account or one without passkeys, and repeat", async () => {
    const lonely = { username: "10ne1y00-0000-4000-8000-000000000003", email: "lonely@example.com" };
    for (const username of ["nobody@example.com", lonely.username, "no-such-user"]) {
      const first = await options({ username });
      const second = await options({ username });
      expect([1, 2]).toContain(first.allowCredentials?.length);
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

  it("list the passkeys of nobody whose email is not verified: registration makes no owner of it", async () => {
    const config = testConfig();
    const unverified = await startTestApi(() => ({
      directory: {
        ...({} as UserDirectory),
        userByAccessToken: async (token) => ({
          username: token.split(".")[1] ?? "",
          email: ALICE.email,
          emailVerified: false,
          phoneNumber: "+447700900123",
          phoneNumberVerified: true,
        }),
      },
    }));
    try {
      const holder = { username: crypto.randomUUID(), email: ALICE.email };
      const { softKey, verified } = await unverified.register(holder);
      expect(verified.status).toBe(201);
      const hash = addressOwnerHash(config.passkeys.challengeSecret, ALICE.email);
      expect(await readAddressOwner(unverified.table, hash)).toBeUndefined();
      const response = await unverified.call("POST", "/authentication/options", { body: { username: ALICE.email } });
      const listed = ((await response.json()) as PublicKeyCredentialRequestOptionsJSON).allowCredentials;
      expect(listed?.map((credential) => credential.id)).not.toContain(softKey.id);
    } finally {
      await unverified.close();
    }
  });

  it("refuse malformed bodies with a 400 that says what is wrong", async () => {
    const cases = [
      ["{", "Malformed request."],
      [
        JSON.stringify({ username: 42 }),
        "Invalid request body. username: Invalid input: expected string, received number",
      ],
      [
        JSON.stringify({ username: "x".repeat(300) }),
        "Invalid request body. username: Too big: expected string to have <=254 characters",
      ],
      [JSON.stringify([]), "Invalid request body. Invalid input: expected object, received array"],
    ];
    for (const [raw, message] of cases) {
      const response = await call("POST", "/authentication/options", { raw });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 400,
        body: { code: "BAD_REQUEST", message },
      });
    }
  });

  it("refuse a name within 254 characters but too long for a challenge with a 400, not a 500", async () => {
    // No username or address is over 255 bytes; these are, in UTF-8 or once lower-cased ("İ" grows).
    for (const username of ["é".repeat(200), "😀".repeat(100), `${"İ".repeat(100)}@example.com`]) {
      const response = await call("POST", "/authentication/options", { body: { username } });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 400,
        body: { code: "BAD_REQUEST", message: "Username too long." },
      });
    }
  });
});
