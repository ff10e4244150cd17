import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { type Ceremony, type SoftAuthenticatorOptions, softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aaguidDirectory } from "./aaguid-directory.ts";
import { authenticatePasskey } from "./authenticate-passkey.ts";
import { createAuthenticationOptions } from "./create-authentication-options.ts";
import { createRegistrationOptions } from "./create-registration-options.ts";
import { passkeyPolicy } from "./policy.ts";
import { registerPasskey } from "./register-passkey.ts";
import { deleteCredential } from "./store/delete-credential.ts";
import { getCredential } from "./store/get-credential.ts";
import type { AuthenticationResponseJSON } from "./types.ts";
import { toUserHandle } from "./user-handle.ts";

const USER = "7d1e6a40-0000-4000-8000-000000000001";
const OTHER = "7d1e6a40-0000-4000-8000-000000000002";
// Every test enrols another passkey of the same user: the cap is not what this suite is about.
const policy = passkeyPolicy(testConfig({ LATCHKEY_MAX_PASSKEYS_PER_USER: "100" }));
let table: TestTable;
let offsetMs = 0;
const context = () => ({ policy, table, clock: { now: () => Date.now() + offsetMs } });

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());
beforeEach(() => {
  table.calls.reset();
  offsetMs = 0;
});

async function enrol(options: SoftAuthenticatorOptions = {}, username = USER) {
  const softKey = softAuthenticator(options);
  const creation = createRegistrationOptions(policy, {
    username,
    displayName: username,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs: Date.now(),
  });
  const registration = { table, policy, clock: { now: () => Date.now() }, aaguids: aaguidDirectory("") };
  await registerPasskey(registration, { username, response: softKey.register(creation, { origin: TEST_ORIGIN }) });
  table.calls.reset();
  return softKey;
}

/** Options as the api gives them: usernameless ("") or for a username. */
const request = (username = "", rpId = TEST_RP_ID) =>
  createAuthenticationOptions(policy, { username, rpId, credentials: [], nowMs: Date.now() });

const ceremony = (overrides: Partial<Ceremony> = {}): Ceremony => ({ origin: TEST_ORIGIN, ...overrides });

const signIn = (username: string, answer: AuthenticationResponseJSON | string) =>
  authenticatePasskey(context(), { username, answer: typeof answer === "string" ? answer : JSON.stringify(answer) });

describe("authenticatePasskey", () => {
  it.each([
    ["usernameless", ""],
    ["with a username", USER],
  ])("signs in %s in 2 DynamoDB calls and records the use", async (_name, username) => {
    const softKey = await enrol();
    const answer = softKey.authenticate(request(username), ceremony());
    expect(await signIn(USER, answer)).toEqual({ ok: true, credentialId: softKey.id });
    expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
    const stored = await getCredential(table, softKey.id);
    expect(stored?.counter).toBe(1);
    expect(stored?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it.each(["EdDSA", "RS256"] as const)("signs in with a username and a %s credential", async (algorithm) => {
    const softKey = await enrol({ algorithm });
    expect(await signIn(USER, softKey.authenticate(request(USER), ceremony()))).toMatchObject({ ok: true });
  });

  it("signs in with a non-resident key (no user handle) and a counter-less authenticator", async () => {
    const u2f = await enrol({ resident: false });
    expect(await signIn(USER, u2f.authenticate(request(USER), ceremony()))).toMatchObject({ ok: true });
    const synced = await enrol({ counting: false, backupEligible: true, backedUp: true });
    expect(await signIn(USER, synced.authenticate(request(), ceremony()))).toMatchObject({ ok: true });
    expect(await signIn(USER, synced.authenticate(request(), ceremony()))).toMatchObject({ ok: true });
  });

  describe("rejects", () => {
    it("a replayed assertion: by the counter, and without one by the single-use challenge", async () => {
      const counting = await enrol();
      const answer = counting.authenticate(request(), ceremony());
      expect((await signIn(USER, answer)).ok).toBe(true);
      expect(await signIn(USER, answer)).toMatchObject({ ok: false, reason: expect.stringMatching(/counter/) });
      const counterless = await enrol({ counting: false });
      const again = counterless.authenticate(request(), ceremony());
      expect((await signIn(USER, again)).ok).toBe(true);
      expect(await signIn(USER, again)).toEqual({ ok: false, reason: "challenge already used" });
    });

    it("a reused challenge, even with a fresh signature", async () => {
      const softKey = await enrol();
      const options = request();
      expect((await signIn(USER, softKey.authenticate(options, ceremony()))).ok).toBe(true);
      expect(await signIn(USER, softKey.authenticate(options, ceremony()))).toEqual({
        ok: false,
        reason: "challenge already used",
      });
    });

    it("an expired challenge", async () => {
      const softKey = await enrol();
      const answer = softKey.authenticate(request(), ceremony());
      offsetMs = 301_000;
      expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "challenge expired" });
    });

    it("a challenge it never issued", async () => {
      const softKey = await enrol();
      const answer = softKey.authenticate(
        request(),
        ceremony({ challenge: Buffer.alloc(110, 1).toString("base64url") }),
      );
      expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "challenge not issued by us" });
    });

    it("a challenge issued for another username", async () => {
      const softKey = await enrol({}, OTHER);
      const answer = softKey.authenticate(request(USER), ceremony());
      expect(await signIn(OTHER, answer)).toEqual({ ok: false, reason: "challenge issued for another user" });
    });

    it("a challenge issued for another RP ID", async () => {
      const softKey = await enrol();
      const answer = softKey.authenticate(request(USER, "other.example"), ceremony({ rpId: TEST_RP_ID }));
      expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "challenge for another RP ID" });
    });

    it("a tampered signature or authenticator data", async () => {
      const softKey = await enrol();
      const answer = softKey.authenticate(request(), ceremony());
      const signature = Buffer.from(answer.response.signature, "base64url");
      signature[signature.length - 1] = (signature[signature.length - 1] as number) ^ 0x01;
      const tampered = { ...answer, response: { ...answer.response, signature: signature.toString("base64url") } };
      expect(await signIn(USER, tampered)).toEqual({ ok: false, reason: "signature invalid" });
      const data = Buffer.from(answer.response.authenticatorData, "base64url");
      data[36] = 0x7f; // the counter's low byte
      const bumped = { ...answer, response: { ...answer.response, authenticatorData: data.toString("base64url") } };
      expect(await signIn(USER, bumped)).toEqual({ ok: false, reason: "signature invalid" });
    });

    it("a wrong origin", async () => {
      const softKey = await enrol();
      const result = await signIn(USER, softKey.authenticate(request(), ceremony({ origin: "https://evil.example" })));
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/origin/) });
    });

    it("a wrong RP ID hash", async () => {
      const softKey = await enrol();
      const result = await signIn(USER, softKey.authenticate(request(), ceremony({ rpId: "evil.example" })));
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/RP ID/) });
    });

    it("a missing user verification when it is required", async () => {
      const softKey = await enrol();
      const result = await signIn(USER, softKey.authenticate(request(), ceremony({ flags: { uv: false } })));
      expect(result).toMatchObject({ ok: false, reason: "user verification required" });
    });

    it("a missing user presence", async () => {
      const softKey = await enrol();
      const result = await signIn(USER, softKey.authenticate(request(), ceremony({ flags: { up: false } })));
      expect(result).toMatchObject({ ok: false, reason: "user not present" });
    });

    it("an authentication type other than webauthn.get", async () => {
      const softKey = await enrol();
      const result = await signIn(USER, softKey.authenticate(request(), ceremony({ type: "webauthn.create" })));
      expect(result).toEqual({ ok: false, reason: "not an authentication" });
    });

    it("a counter that does not grow (a cloned authenticator)", async () => {
      const softKey = await enrol({ signCount: 10 });
      const lower = await signIn(USER, softKey.authenticate(request(), ceremony({ counter: 5 })));
      expect(lower).toMatchObject({ ok: false, reason: expect.stringMatching(/counter/) });
      const same = await signIn(USER, softKey.authenticate(request(), ceremony({ counter: 10 })));
      expect(same).toMatchObject({ ok: false, reason: expect.stringMatching(/counter/) });
      const zero = await signIn(USER, softKey.authenticate(request(), ceremony({ counter: 0 })));
      expect(zero).toMatchObject({ ok: false, reason: expect.stringMatching(/counter/) });
      expect((await getCredential(table, softKey.id))?.counter).toBe(10);
    });

    it("a flip of backup eligibility, either way", async () => {
      const single = await enrol({ backupEligible: false });
      const toMulti = await signIn(USER, single.authenticate(request(), ceremony({ flags: { be: true } })));
      expect(toMulti).toEqual({ ok: false, reason: "backup eligibility changed" });
      const multi = await enrol({ backupEligible: true });
      const toSingle = await signIn(USER, multi.authenticate(request(), ceremony({ flags: { be: false } })));
      expect(toSingle).toEqual({ ok: false, reason: "backup eligibility changed" });
    });

    it("another user's credential presented under my username", async () => {
      const theirs = await enrol({}, OTHER);
      const answer = theirs.authenticate(request(), ceremony({ userHandle: toUserHandle(USER) }));
      expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "credential belongs to another user" });
    });

    it("a user handle that names another user", async () => {
      const mine = await enrol();
      const answer = mine.authenticate(request(), ceremony({ userHandle: toUserHandle(OTHER) }));
      expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "user handle names another user" });
    });

    it("an unknown or deleted credential", async () => {
      const stranger = softAuthenticator();
      stranger.register(
        createRegistrationOptions(policy, {
          username: USER,
          displayName: USER,
          rpId: TEST_RP_ID,
          existing: [],
          nowMs: 0,
        }),
        ceremony(),
      );
      expect(await signIn(USER, stranger.authenticate(request(), ceremony()))).toEqual({
        ok: false,
        reason: "unknown credential",
      });
      const deleted = await enrol();
      await deleteCredential(table, { id: deleted.id, username: USER });
      expect(await signIn(USER, deleted.authenticate(request(), ceremony()))).toEqual({
        ok: false,
        reason: "unknown credential",
      });
    });

    it("malformed or oversized answers, without touching DynamoDB", async () => {
      const softKey = await enrol();
      const good = softKey.authenticate(request(), ceremony());
      const answers = [
        "",
        "{",
        "null",
        "[]",
        '"text"',
        JSON.stringify({ ...good, id: "not base64!" }),
        JSON.stringify({ ...good, rawId: "AAAA" }),
        JSON.stringify({ ...good, type: "password" }),
        JSON.stringify({ ...good, response: { ...good.response, signature: 42 } }),
        JSON.stringify({ ...good, response: { ...good.response, clientDataJSON: "%%%" } }),
        JSON.stringify({ ...good, response: { ...good.response, userHandle: "a".repeat(200) } }),
        JSON.stringify({ ...good, id: "A".repeat(1400), rawId: "A".repeat(1400) }),
        JSON.stringify({ ...good, padding: "x".repeat(30_000) }),
      ];
      for (const answer of answers)
        expect(await signIn(USER, answer)).toEqual({ ok: false, reason: "answer malformed" });
      expect(table.calls.sent).toEqual([]);
    });

    it("all but one of 50 concurrent uses of one assertion", async () => {
      const softKey = await enrol();
      const answer = softKey.authenticate(request(), ceremony());
      const results = await Promise.all(Array.from({ length: 50 }, () => signIn(USER, answer)));
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });
  });

  it("fails closed when DynamoDB fails", async () => {
    const softKey = await enrol();
    const answer = JSON.stringify(softKey.authenticate(request(), ceremony()));
    const broken = { ...context(), table: { client: table.client, name: "no-such-table" } };
    await expect(authenticatePasskey(broken, { username: USER, answer })).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      message: "Requested resource not found",
    });
  });
});
