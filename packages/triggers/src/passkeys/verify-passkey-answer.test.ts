import { generateKeyPairSync } from "node:crypto";
import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { noAuditEvents } from "@latchkey/core";
import {
  aaguidDirectory,
  addressOwnerHash,
  createAuthenticationOptions,
  createRegistrationOptions,
  passkeyPolicy,
  readAddressOwner,
  registerPasskey,
} from "@latchkey/core/passkeys";
import { ed25519Signer } from "@latchkey/core/signing";
import { passkeyItemKey } from "@latchkey/core/table";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { testEmailOf } from "@latchkey/testkit/magic-links";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTriggers } from "../create-triggers.ts";
import type { TriggerDeps } from "../deps.ts";

const USER = "c0ffee00-0000-4000-8000-000000000001";
const config = testConfig();
const policy = passkeyPolicy(config);
let table: TestTable;
let deps: TriggerDeps;

beforeAll(async () => {
  table = await startTestTable();
  const { privateKey } = generateKeyPairSync("ed25519");
  deps = {
    config,
    table,
    signer: ed25519Signer(privateKey.export({ format: "pem", type: "pkcs8" }).toString()),
    clock: { now: () => Date.now() },
    auditEvents: noAuditEvents,
  };
});
afterAll(() => table.close());

const event = (
  answer: string,
  overrides: { clientId?: string; method?: string; username?: string; email?: string } = {},
) =>
  verifyAuthChallengeEvent({
    username: overrides.username ?? USER,
    answer,
    signInMethod: overrides.method ?? "PASSKEY",
    clientId: overrides.clientId,
    email: overrides.email,
  });

const ownerHash = (email: string) => addressOwnerHash(config.passkeys.challengeSecret, email);
const ownerOf = (email: string) => readAddressOwner(table, ownerHash(email));

/** A passkey registered as the api registers one: with the user's verified email (the event's), unless `email` is null. */
async function enrolledKey(user = USER, email: string | null = testEmailOf(user)) {
  const softKey = softAuthenticator();
  const creation = createRegistrationOptions(policy, {
    username: user,
    displayName: user,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs: Date.now(),
  });
  const context = { policy, table, clock: deps.clock, aaguids: aaguidDirectory("") };
  await registerPasskey(context, {
    username: user,
    response: softKey.register(creation, { origin: TEST_ORIGIN }),
    ownerAddressHash: email === null ? undefined : ownerHash(email),
  });
  return softKey;
}

/** The passkey's item as stored before owner items and SPKI keys were kept. */
async function makeOldForm(credentialId: string) {
  await table.client.send(
    new UpdateItemCommand({
      TableName: table.name,
      Key: passkeyItemKey(credentialId),
      UpdateExpression: "REMOVE publicKeySpki, ownerAddressHash",
    }),
  );
}

const storedItem = async (credentialId: string) =>
  (await table.client.send(new GetItemCommand({ TableName: table.name, Key: passkeyItemKey(credentialId) }))).Item;

const options = (username: string) =>
  createAuthenticationOptions(policy, { username, rpId: TEST_RP_ID, credentials: [], nowMs: Date.now() });
const usernameless = () => options("");

describe("verifyPasskeyAnswer through the verify trigger", () => {
  it("accepts a valid assertion once", async () => {
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(usernameless(), { origin: TEST_ORIGIN }));
    const { verifyAuthChallengeResponse } = createTriggers(deps);
    expect((await verifyAuthChallengeResponse(event(answer))).response.answerCorrect).toBe(true);
    expect((await verifyAuthChallengeResponse(event(answer))).response.answerCorrect).toBe(false);
  });

  it.each([
    ["usernameless", ""],
    ["with a username", USER],
  ])("signs in %s in 2 DynamoDB calls: the credential read, then one write", async (_name, username) => {
    // Registered with the account's verified email, as the api registers it: its owner is in step.
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(options(username), { origin: TEST_ORIGIN }));
    const { verifyAuthChallengeResponse } = createTriggers(deps);
    table.calls.reset();
    expect((await verifyAuthChallengeResponse(event(answer))).response.answerCorrect).toBe(true);
    expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
  });

  describe("keeps the address's owner in step", () => {
    const signInOnce = async (softKey: ReturnType<typeof softAuthenticator>, changes: Parameters<typeof event>[1]) => {
      const user = changes?.username ?? USER;
      const answer = JSON.stringify(softKey.authenticate(options(user), { origin: TEST_ORIGIN }));
      table.calls.reset();
      const result = await createTriggers(deps).verifyAuthChallengeResponse(event(answer, changes));
      return { answerCorrect: result.response.answerCorrect, calls: [...table.calls.sent].sort() };
    };

    it("moves it once when the verified email changed, then signs in in 2 calls again", async () => {
      const user = crypto.randomUUID();
      const [before, after] = [testEmailOf(user), `moved-${user}@example.com`];
      const softKey = await enrolledKey(user);
      expect(await ownerOf(before)).toBe(user);
      const moved = await signInOnce(softKey, { username: user, email: after });
      expect(moved).toEqual({
        answerCorrect: true,
        calls: ["DeleteItemCommand", "GetItemCommand", "PutItemCommand", "UpdateItemCommand"],
      });
      expect(await ownerOf(after)).toBe(user);
      expect(await ownerOf(before)).toBeUndefined();
      expect((await storedItem(softKey.id))?.ownerAddressHash).toEqual({ S: ownerHash(after) });
      // In any case the address is typed in, and for every passkey of the user.
      expect(await signInOnce(softKey, { username: user, email: after.toUpperCase() })).toEqual({
        answerCorrect: true,
        calls: ["GetItemCommand", "UpdateItemCommand"],
      });
    });

    it("moves nothing on a refused answer, and once for two concurrent uses of one answer", async () => {
      const user = crypto.randomUUID();
      const softKey = await enrolledKey(user);
      const answer = JSON.stringify(softKey.authenticate(options(user), { origin: TEST_ORIGIN }));
      const { verifyAuthChallengeResponse } = createTriggers(deps);
      const first = `first-${user}@example.com`;
      table.calls.reset();
      const both = await Promise.all(
        [1, 2].map(
          async () => (await verifyAuthChallengeResponse(event(answer, { username: user, email: first }))).response,
        ),
      );
      expect(both.map((response) => response.answerCorrect).sort()).toEqual([false, true]);
      // Whichever lost (at its write, or at the read if the winner had written by then), only the
      // winner moved the owner: one put, one delete.
      expect(table.calls.byCommand).toMatchObject({ GetItemCommand: 2, PutItemCommand: 1, DeleteItemCommand: 1 });
      expect(await ownerOf(first)).toBe(user);
      // The same answer again, with yet another email: refused before any write, so no owner moves.
      const replayed = `replayed-${user}@example.com`;
      table.calls.reset();
      expect((await verifyAuthChallengeResponse(event(answer, { username: user, email: replayed }))).response).toEqual({
        answerCorrect: false,
      });
      expect(table.calls.sent).toEqual(["GetItemCommand"]);
      expect(await ownerOf(replayed)).toBeUndefined();
      expect(await ownerOf(first)).toBe(user);
      // Another user's answer for this passkey (a user handle that is not its own) moves nothing either.
      const other = crypto.randomUUID();
      const stolen = JSON.stringify(softKey.authenticate(options(other), { origin: TEST_ORIGIN }));
      await verifyAuthChallengeResponse(event(stolen, { username: other, email: `other-${other}@example.com` }));
      expect(await ownerOf(`other-${other}@example.com`)).toBeUndefined();
    });

    it("leaves the old address to the account that holds it now", async () => {
      const [user, other] = [crypto.randomUUID(), crypto.randomUUID()];
      const before = testEmailOf(user);
      const softKey = await enrolledKey(user);
      // Another account has verified the old address and registered a passkey with it since.
      await enrolledKey(other, before);
      expect(await ownerOf(before)).toBe(other);
      const moved = await signInOnce(softKey, { username: user, email: `elsewhere-${user}@example.com` });
      expect(moved.answerCorrect).toBe(true);
      expect(await ownerOf(before)).toBe(other);
      expect(await ownerOf(`elsewhere-${user}@example.com`)).toBe(user);
    });

    it("writes the owner and the SPKI key of a passkey stored before either was kept, once", async () => {
      const user = crypto.randomUUID();
      const softKey = await enrolledKey(user, null);
      const spki = (await storedItem(softKey.id))?.publicKeySpki;
      expect(spki?.B).toBeInstanceOf(Uint8Array);
      await makeOldForm(softKey.id);
      expect(await storedItem(softKey.id)).not.toHaveProperty("publicKeySpki");
      expect(await ownerOf(testEmailOf(user))).toBeUndefined();
      expect(await signInOnce(softKey, { username: user })).toEqual({
        answerCorrect: true,
        calls: ["GetItemCommand", "PutItemCommand", "UpdateItemCommand"],
      });
      const converted = await storedItem(softKey.id);
      expect(converted?.publicKeySpki).toEqual(spki);
      expect(converted?.ownerAddressHash).toEqual({ S: ownerHash(testEmailOf(user)) });
      expect(await ownerOf(testEmailOf(user))).toBe(user);
      expect(await signInOnce(softKey, { username: user })).toEqual({
        answerCorrect: true,
        calls: ["GetItemCommand", "UpdateItemCommand"],
      });
    });

    it("makes no account the owner of an email it has not verified, or while it may not sign in", async () => {
      const user = crypto.randomUUID();
      const softKey = await enrolledKey(user, null);
      const unverified = `unverified-${user}@example.com`;
      const answer = JSON.stringify(softKey.authenticate(options(user), { origin: TEST_ORIGIN }));
      const withPhone = event(answer, { username: user, email: unverified });
      Object.assign(withPhone.request.userAttributes, {
        email_verified: "false",
        phone_number: "+447700900123",
        phone_number_verified: "true",
      });
      table.calls.reset();
      // A passkey signs in an account with a verified number, whatever its email.
      expect((await createTriggers(deps).verifyAuthChallengeResponse(withPhone)).response.answerCorrect).toBe(true);
      expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
      expect(await ownerOf(unverified)).toBeUndefined();
      // An account that may not sign in (here: nothing verified) owns nothing either, even of a verified-looking email.
      const refused = event(JSON.stringify(softKey.authenticate(options(user), { origin: TEST_ORIGIN })), {
        username: user,
      });
      refused.request.userAttributes["cognito:user_status"] = "UNCONFIRMED";
      table.calls.reset();
      expect((await createTriggers(deps).verifyAuthChallengeResponse(refused)).response.answerCorrect).toBe(false);
      expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
      expect(await ownerOf(testEmailOf(user))).toBeUndefined();
    });
  });

  it("refuses an answer sent for another app client", async () => {
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(usernameless(), { origin: TEST_ORIGIN }));
    const result = await createTriggers(deps).verifyAuthChallengeResponse(event(answer, { clientId: "someoneelse" }));
    expect(result.response.answerCorrect).toBe(false);
  });

  it("refuses a passkey answer under another method and malformed answers", async () => {
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(usernameless(), { origin: TEST_ORIGIN }));
    const { verifyAuthChallengeResponse } = createTriggers(deps);
    expect((await verifyAuthChallengeResponse(event(answer, { method: "NOPE" }))).response.answerCorrect).toBe(false);
    for (const bad of ["{", "x".repeat(100_000), JSON.stringify({ id: 1 })]) {
      expect((await verifyAuthChallengeResponse(event(bad))).response.answerCorrect).toBe(false);
    }
  });

  it("fails closed: a broken table throws rather than answering", async () => {
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(usernameless(), { origin: TEST_ORIGIN }));
    const broken = createTriggers({ ...deps, table: { client: table.client, name: "no-such-table" } });
    // A table that does not exist is a misconfiguration: INTERNAL, and nothing of DynamoDB's message.
    await expect(broken.verifyAuthChallengeResponse(event(answer))).rejects.toThrow(/^INTERNAL$/);
  });
});
