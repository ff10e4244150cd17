import { createHash, randomBytes, randomUUID } from "node:crypto";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { type SmsCodeSubject, smsCodeItemKey } from "@latchkey/core";
import { putSmsCode, smsHashes } from "@latchkey/core/sms";
import { verifyAuthChallengeEvent } from "@latchkey/testkit/cognito-events";
import { testDeps } from "@latchkey/testkit/magic-links";
import { startTestTable, type TestTable } from "@latchkey/testkit/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTriggers } from "../create-triggers.ts";

let table: TestTable;
let t: ReturnType<typeof testDeps>;
let hashes: ReturnType<typeof smsHashes>;
let clientId: string;
beforeAll(async () => {
  table = await startTestTable();
  t = testDeps(table);
  hashes = smsHashes(t.deps.config.passkeys.challengeSecret);
  clientId = t.deps.config.clientIds[0] ?? "";
});
afterAll(() => table.close());

/** A browser's verifier and the hash it sends with POST /sms-codes. */
function newBrowser() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, hash: createHash("sha256").update(verifier).digest("base64url") };
}

/** What POST /sms-codes stores for a user (or a number nobody has) and a browser: the code's hash. */
async function storeCode(subject: SmsCodeSubject, username: string, browser = newBrowser(), forClient = clientId) {
  const code = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
  await putSmsCode(table, {
    subject,
    requesterHash: browser.hash,
    codeHash: hashes.code(username, forClient, code),
    expiresAt: Math.floor(t.clock.ms / 1000) + 300,
  });
  return { code, browser };
}

/** The Verify event of a phone-verified account, with the browser's verifier in ClientMetadata. */
function smsEvent(username: string, answer: string, verifier: string | undefined, userNotFound = false) {
  const event = verifyAuthChallengeEvent({ username, answer, signInMethod: "SMS_CODE", userNotFound });
  event.request.userAttributes.phone_number = "+447700900123";
  event.request.userAttributes.phone_number_verified = "true";
  event.request.userAttributes.email_verified = "false";
  if (verifier) event.request.clientMetadata = { ...event.request.clientMetadata, smsVerifier: verifier };
  return event;
}

const verify = async (event: ReturnType<typeof smsEvent>) =>
  (await createTriggers(t.deps).verifyAuthChallengeResponse(event)).response.answerCorrect;

describe("VerifyAuthChallengeResponse with SMS_CODE", () => {
  it("takes the right code once, from the browser that asked, with one DynamoDB call per answer", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    table.calls.reset();
    expect(await verify(smsEvent(user, code, browser.verifier))).toBe(true);
    expect(table.calls.sent).toEqual(["UpdateItemCommand"]);
    expect(await verify(smsEvent(user, code, browser.verifier))).toBe(false);
  });

  it("needs the asking browser's verifier: none, or another browser's, redeems nothing and uses no try", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    expect(await verify(smsEvent(user, code, undefined))).toBe(false);
    for (let i = 0; i < 5; i++) expect(await verify(smsEvent(user, code, newBrowser().verifier))).toBe(false);
    expect(await verify(smsEvent(user, code, browser.verifier))).toBe(true);
  });

  it("refuses a fourth try, right or not", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 3; i++) expect(await verify(smsEvent(user, wrong, browser.verifier))).toBe(false);
    expect(await verify(smsEvent(user, code, browser.verifier))).toBe(false);
  });

  it("refuses an expired code", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    t.clock.ms += 300_000;
    try {
      expect(await verify(smsEvent(user, code, browser.verifier))).toBe(false);
    } finally {
      t.clock.ms -= 300_000;
    }
  });

  it("refuses another user's code, and a code asked for through another app client", async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const forAlice = await storeCode({ username: alice }, alice);
    expect(await verify(smsEvent(bob, forAlice.code, forAlice.browser.verifier))).toBe(false);
    const forOther = await storeCode({ username: bob }, bob, newBrowser(), "anotherappclient");
    expect(await verify(smsEvent(bob, forOther.code, forOther.browser.verifier))).toBe(false);
    expect(await verify(smsEvent(alice, forAlice.code, forAlice.browser.verifier))).toBe(true);
  });

  it("redeems one of many concurrent right answers", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(smsEvent(user, code, browser.verifier))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("takes the same one DynamoDB call for a number nobody has, and redeems nothing there", async () => {
    const number = "+447700900999";
    const { code, browser } = await storeCode({ numberHash: hashes.number(number) }, `unknown:${number}`);
    table.calls.reset();
    expect(await verify(smsEvent(number, code, browser.verifier, true))).toBe(false);
    expect(table.calls.sent).toEqual(["UpdateItemCommand"]);
  });

  it("refuses an account whose phone number is not verified, with the same call, and spends a try of its code", async () => {
    const user = randomUUID();
    const { code, browser } = await storeCode({ username: user }, user);
    const unverified = smsEvent(user, code, browser.verifier);
    unverified.request.userAttributes.phone_number_verified = "false";
    unverified.request.userAttributes.email_verified = "true";
    table.calls.reset();
    expect(await verify(unverified)).toBe(false);
    expect(table.calls.sent).toEqual(["UpdateItemCommand"]);
    const { Item } = await table.client.send(
      new GetItemCommand({
        TableName: table.name,
        Key: smsCodeItemKey({ username: user }, browser.hash),
      }),
    );
    // The refused account's answer went to the item of the name typed, never to the account's code.
    expect(Item?.tries).toEqual({ N: "0" });
  });
});
