/**
 * Passkey assertion verifications per second on one core: the full check a sign-in makes before its
 * DynamoDB writes (client data, signed challenge, RP ID hash, flags, counter, ES256 signature), beside
 * raw node:crypto ES256 verifies per second (SHA-256 of the client data and ECDSA P-256 with a ready key)
 * in the same run. One verification at a time. Target: at least half of raw, for a credential whose
 * key is already imported (a returning user on a warm function). Also shown: a credential seen for
 * the first time (its stored SPKI key imported), the same for a credential stored before the SPKI form
 * was kept (its COSE key decoded and imported), and @simplewebauthn/server's verifyAuthenticationResponse.
 */
import { createHash, verify } from "node:crypto";
import {
  type AuthenticationResponseJSON,
  type CredentialRecord,
  issueChallenge,
  passkeyPolicy,
  verifyAssertion,
} from "@latchkey/core/passkeys";
import { TEST_ORIGIN, TEST_RP_ID, testConfig } from "@latchkey/testkit/config";
import { referenceVerify, registeredCredential } from "@latchkey/testkit/passkeys";

const DURATION_MS = 1000;
/** The machine may be shared: rounds alternate the measurements and each figure is the median. */
const ROUNDS = 3;
const USER = "0be0c4a1-0000-4000-8000-000000000001";
const policy = passkeyPolicy(testConfig());
const nowMs = Date.now();
const challenge = issueChallenge(policy, { purpose: "authentication", username: "", rpId: TEST_RP_ID, nowMs });

/** A registered ES256 credential and a valid assertion for it. */
async function enrolled() {
  const { softKey, record } = await registeredCredential(policy, USER, { algorithm: "ES256" });
  const response = softKey.authenticate({ challenge, rpId: TEST_RP_ID }, { origin: TEST_ORIGIN });
  return { credential: record, response, softKey };
}

async function rate(
  run: (i: number) => Promise<unknown> | unknown,
  warmUp = 500,
  durationMs = DURATION_MS,
): Promise<number> {
  for (let i = 0; i < warmUp; i++) await run(i);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    for (let i = 0; i < 20; i++) await run(warmUp + count + i);
    count += 20;
  }
  return Math.round((count * 1000) / (performance.now() - start));
}

const check = async (credential: CredentialRecord, response: AuthenticationResponseJSON) => {
  const result = await verifyAssertion(policy, { response, credential, username: USER, nowMs: Date.now() });
  if (!result.ok) throw new Error(result.reason);
};

const one = await enrolled();
const authData = Buffer.from(one.response.response.authenticatorData, "base64url");
const clientData = Buffer.from(one.response.response.clientDataJSON, "base64url");
const signature = Buffer.from(one.response.response.signature, "base64url");
// Each first-seen verification a different credential: more than the key cache holds, cycled, so every key is imported.
const pool = await Promise.all(Array.from({ length: 1500 }, enrolled));

const legacyPool = pool.map(({ credential: { publicKeySpki: _, ...credential }, response }) => ({
  credential,
  response,
}));
const figures = {
  warmKey: [] as number[],
  raw: [] as number[],
  coldKey: [] as number[],
  coldLegacyKey: [] as number[],
  library: [] as number[],
};
for (let round = 0; round < ROUNDS; round++) {
  figures.warmKey.push(await rate(() => check(one.credential, one.response)));
  figures.raw.push(
    await rate(() => {
      const signed = Buffer.concat([authData, createHash("sha256").update(clientData).digest()]);
      if (!verify("sha256", signed, one.softKey.publicKey, signature)) throw new Error("raw verify failed");
    }),
  );
  figures.coldKey.push(
    await rate((i) => {
      const entry = pool[(round * 7919 + i) % pool.length] as (typeof pool)[number];
      return check(entry.credential, entry.response);
    }, 0),
  );
  figures.coldLegacyKey.push(
    await rate((i) => {
      const entry = legacyPool[(round * 7919 + i) % legacyPool.length] as (typeof legacyPool)[number];
      return check(entry.credential, entry.response);
    }, 0),
  );
  figures.library.push(
    await rate(async () => {
      if (!(await referenceVerify(policy, { response: one.response, challenge, credential: one.credential }))) {
        throw new Error("library refused");
      }
    }, 100),
  );
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const [warmKey, raw, coldKey, coldLegacyKey, library] = [
  figures.warmKey,
  figures.raw,
  figures.coldKey,
  figures.coldLegacyKey,
  figures.library,
].map(median) as [number, number, number, number, number];

const ratio = (value: number) => Math.round((value / raw) * 100) / 100;
console.log(
  JSON.stringify({
    assertionVerificationsPerSecond: warmKey,
    rawEs256VerifiesPerSecond: raw,
    ratioToRaw: ratio(warmKey),
    targetRatio: 0.5,
    firstSeenKeyVerificationsPerSecond: coldKey,
    firstSeenKeyRatioToRaw: ratio(coldKey),
    firstSeenLegacyKeyVerificationsPerSecond: coldLegacyKey,
    firstSeenLegacyKeyRatioToRaw: ratio(coldLegacyKey),
    simplewebauthnVerifyAuthenticationResponsePerSecond: library,
    simplewebauthnRatioToRaw: ratio(library),
  }),
);
