/**
 * A sign-in challenge is redeemed on the passkey's own item, in the write that records the use: each
 * challenge once per passkey, under concurrency, with the list of redeemed ones kept short.
 */
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { registeredCredential, type SoftAuthenticatorOptions } from "@latchkey/testkit/passkeys";
import { holdCommands, startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TableRef } from "../table/table-schema.ts";
import { authenticatePasskey } from "./authenticate-passkey.ts";
import { createAuthenticationOptions } from "./create-authentication-options.ts";
import { passkeyPolicy } from "./policy.ts";
import { deleteCredential } from "./store/delete-credential.ts";
import { getCredential } from "./store/get-credential.ts";
import { putCredential } from "./store/put-credential.ts";
import { CLOCK_SKEW_SECONDS, MAX_REDEEMED_CHALLENGES } from "./store/record-sign-in.ts";

const USER = "5a1e0000-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());
let table: TestTable;
let offsetMs = 0;
const now = () => Date.now() + offsetMs;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(() => table.close());
beforeEach(() => {
  offsetMs = 0;
});

async function enrol(options: SoftAuthenticatorOptions = {}) {
  const { softKey, record } = await registeredCredential(policy, USER, options);
  await putCredential(table, { ...record, createdAt: new Date().toISOString() });
  return softKey;
}

type SoftKey = Awaited<ReturnType<typeof enrol>>;

/** Options issued now (by the test's clock), usernameless or for USER. */
const optionsFor = (username = "") =>
  createAuthenticationOptions(policy, { username, rpId: TEST_RP_ID, credentials: [], nowMs: now() });

/** A fresh assertion, for fresh usernameless options unless given some. */
const assertion = (softKey: SoftKey, options = optionsFor()) =>
  JSON.stringify(softKey.authenticate(options, { origin: TEST_ORIGIN }));

const signIn = (answer: string, through: TableRef = table) =>
  authenticatePasskey({ policy, table: through, clock: { now } }, { username: USER, answer });

const redeemed = async (softKey: SoftKey) =>
  Object.keys((await getCredential(table, softKey.id))?.redeemedChallenges ?? {});

describe("a sign-in challenge", () => {
  it("is kept on the passkey until it expires, and a replay is refused without a write", async () => {
    const softKey = await enrol({ counting: false });
    const issuedFrom = Math.floor(Date.now() / 1000);
    const answer = assertion(softKey, optionsFor(USER));
    const issuedBy = Math.floor(Date.now() / 1000);
    expect(await signIn(answer)).toMatchObject({ ok: true });
    const stored = await getCredential(table, softKey.id);
    expect(stored?.uses).toBe(1);
    const expiries = Object.values(stored?.redeemedChallenges ?? {});
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toBeGreaterThanOrEqual(issuedFrom + policy.challengeTtlSeconds);
    expect(expiries[0]).toBeLessThanOrEqual(issuedBy + policy.challengeTtlSeconds);
    table.calls.reset();
    expect(await signIn(answer)).toEqual({ ok: false, reason: "challenge already used" });
    expect(table.calls.sent).toEqual(["GetItemCommand"]);
  });

  it.each([
    ["counts", true],
    ["keeps no counter", false],
  ])("signs in once of 20 concurrent uses of one assertion, for a passkey that %s", async (_name, counting) => {
    const softKey = await enrol({ counting });
    const answer = assertion(softKey);
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn(answer)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await redeemed(softKey)).toHaveLength(1);
  });

  it.each([
    ["counts", true],
    ["keeps no counter", false],
  ])(
    "of two assertions of a passkey that %s, both read before either writes: one wins, and the other passes retried",
    async (_name, counting) => {
      const softKey = await enrol({ counting });
      const [first, second] = [assertion(softKey), assertion(softKey)];
      const writes = holdCommands(table, "UpdateItemCommand");
      const racing = Promise.all([signIn(first, writes.table), signIn(second, writes.table)]);
      await writes.held(2);
      writes.release();
      const results = await racing;
      writes.close();
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, reason: "credential changed during sign-in" });
      const [winner, loser] = results[0]?.ok ? [first, second] : [second, first];
      // The winner's challenge stays redeemed: the loser's list, read before the win, was never written.
      const replayed = counting ? "counter did not grow" : "challenge already used";
      expect(await signIn(winner)).toEqual({ ok: false, reason: replayed });
      // Retried: the loser's own assertion, which redeemed nothing (a counting one may be behind the winner's counter).
      expect(await signIn(counting ? assertion(softKey) : loser)).toMatchObject({ ok: true });
      expect(await redeemed(softKey)).toHaveLength(2);
    },
  );

  it("is single use per passkey: one usernameless challenge signs each passkey in once", async () => {
    // A replay is one passkey's signature over one challenge, again: another passkey signing it is
    // its own holder's sign-in, as one with fresh options from the public route would be.
    const [phone, laptop] = [await enrol(), await enrol()];
    const options = optionsFor();
    expect(await signIn(assertion(phone, options))).toMatchObject({ ok: true });
    expect(await signIn(assertion(laptop, options))).toMatchObject({ ok: true });
    // A fresh signature (its counter grown) over the same challenge is still refused.
    expect(await signIn(assertion(laptop, options))).toEqual({ ok: false, reason: "challenge already used" });
  });

  it("drops the expired ones at the next sign-in, once no function's clock may still take them", async () => {
    const softKey = await enrol();
    for (let i = 0; i < 3; i++) expect(await signIn(assertion(softKey))).toMatchObject({ ok: true });
    const before = await redeemed(softKey);
    expect(before).toHaveLength(3);
    offsetMs = (policy.challengeTtlSeconds + 1) * 1000;
    expect(await signIn(assertion(softKey))).toMatchObject({ ok: true });
    expect(await redeemed(softKey)).toHaveLength(4);
    offsetMs = (policy.challengeTtlSeconds * 2 + CLOCK_SKEW_SECONDS + 2) * 1000;
    expect(await signIn(assertion(softKey))).toMatchObject({ ok: true });
    const after = await redeemed(softKey);
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
  });

  it(`refuses a sign-in, writing nothing, while ${MAX_REDEEMED_CHALLENGES} unexpired ones are kept`, async () => {
    const softKey = await enrol();
    for (let i = 0; i < MAX_REDEEMED_CHALLENGES; i++)
      expect(await signIn(assertion(softKey))).toMatchObject({ ok: true });
    const full = await getCredential(table, softKey.id);
    table.calls.reset();
    expect(await signIn(assertion(softKey))).toEqual({ ok: false, reason: "too many sign-ins with this passkey" });
    expect(table.calls.sent).toEqual(["GetItemCommand"]);
    expect(await getCredential(table, softKey.id)).toEqual(full);
    offsetMs = (policy.challengeTtlSeconds + CLOCK_SKEW_SECONDS + 1) * 1000;
    expect(await signIn(assertion(softKey))).toMatchObject({ ok: true });
    expect(await redeemed(softKey)).toHaveLength(1);
  });

  it("is refused for a passkey deleted between the read and the write, and nothing is written back", async () => {
    const softKey = await enrol();
    const writes = holdCommands(table, "UpdateItemCommand");
    const signingIn = signIn(assertion(softKey), writes.table);
    await writes.held(1);
    await deleteCredential(table, { id: softKey.id, username: USER });
    writes.release();
    expect(await signingIn).toEqual({ ok: false, reason: "credential changed during sign-in" });
    writes.close();
    expect(await getCredential(table, softKey.id)).toBeUndefined();
  });

  it("is refused with a counter that went back, and the stored counter stays", async () => {
    const softKey = await enrol({ signCount: 10 });
    const regressed = softKey.authenticate(optionsFor(), { origin: TEST_ORIGIN, counter: 4 });
    expect(await signIn(JSON.stringify(regressed))).toMatchObject({ ok: false, reason: "counter did not grow" });
    const stored = await getCredential(table, softKey.id);
    expect({ counter: stored?.counter, uses: stored?.uses }).toEqual({ counter: 10, uses: 0 });
  });
});
