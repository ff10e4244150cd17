import type { PublicKeyCredentialRequestOptionsJSON } from "@latchkey/core/passkeys";
import { BOB, startTestApi } from "@latchkey/testkit/api";
import { TEST_RP_ID } from "@latchkey/testkit/config";
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

  it("list the credentials of a user found by email or by username", async () => {
    const { softKey } = await register(BOB);
    for (const username of [BOB.email, BOB.username]) {
      const ids = (await options({ username })).allowCredentials?.map((credential) => credential.id);
      expect(ids).toContain(softKey.id);
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
