import { generateKeyPairSync } from "node:crypto";
import { noAuditEvents } from "@latchkey/core";
import {
  aaguidDirectory,
  createAuthenticationOptions,
  createRegistrationOptions,
  passkeyPolicy,
  registerPasskey,
} from "@latchkey/core/passkeys";
import { ed25519Signer } from "@latchkey/core/signing";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
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

const event = (answer: string, overrides: { clientId?: string; method?: string } = {}) =>
  verifyAuthChallengeEvent({
    username: USER,
    answer,
    signInMethod: overrides.method ?? "PASSKEY",
    clientId: overrides.clientId,
  });

async function enrolledKey() {
  const softKey = softAuthenticator();
  const creation = createRegistrationOptions(policy, {
    username: USER,
    displayName: USER,
    rpId: TEST_RP_ID,
    existing: [],
    nowMs: Date.now(),
  });
  const context = { policy, table, clock: deps.clock, aaguids: aaguidDirectory("") };
  await registerPasskey(context, { username: USER, response: softKey.register(creation, { origin: TEST_ORIGIN }) });
  return softKey;
}

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
    const softKey = await enrolledKey();
    const answer = JSON.stringify(softKey.authenticate(options(username), { origin: TEST_ORIGIN }));
    const { verifyAuthChallengeResponse } = createTriggers(deps);
    table.calls.reset();
    expect((await verifyAuthChallengeResponse(event(answer))).response.answerCorrect).toBe(true);
    expect(table.calls.sent).toEqual(["GetItemCommand", "UpdateItemCommand"]);
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
