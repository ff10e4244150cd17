/**
 * A bounded, seeded fuzz of Cognito CUSTOM_AUTH (InitiateAuth, RespondToAuthChallenge) against the
 * real local stack, its triggers and DynamoDB: random usernames, and REAL answers of each kind — a
 * magic-link token and an email code from the mail, a passkey assertion of a registered software
 * authenticator — with their signed fields mutated (other bytes, or an encoding a strict reader
 * refuses), sent under the wrong method, replaced by garbage, and with forged sessions. No mutant ever
 * gets tokens; each gets Cognito's ordinary refusal, never a trigger crash (UserLambdaValidationException)
 * or an internal error, and nothing is logged as an error. The unmutated answers, fresh, do sign in.
 * A failure prints the seed that replays it.
 */
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { softAuthenticator } from "@latchkey/testkit/passkeys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient } from "../e2e/support/cognito.ts";
import { passkeyAssertion, registerSoftPasskey } from "../e2e/support/passkey-api.ts";
import { linkPayload, requestSignInMail } from "../e2e/support/sign-in-by-email.ts";
import { signInByEmailCode } from "../e2e/support/sign-in-by-email-code.ts";
import { captureLogs } from "./support/capture-logs.ts";
import { type Attempt, attemptSignIn } from "./support/custom-auth-attempt.ts";
import { type MailUser, metadata, type PasskeyUser, planCases, problemWith } from "./support/custom-auth-cases.ts";
import { FUZZ_LIMITS } from "./support/fuzz-limits.ts";
import { nonCanonical } from "./support/mutate-encoded.ts";
import { fuzzSeed, replayHint, seededRandom } from "./support/random.ts";
import { runPool } from "./support/run-pool.ts";

const FILE = "test/fuzz/custom-auth.test.ts";
const SEED = fuzzSeed();
const CONCURRENCY = 8;

let stack: LocalStack;
let cognito: CognitoIdentityProviderClient;
let linkUsers: MailUser[];
let codeUsers: MailUser[];
let passkeyUser: PasskeyUser;
let otherPasskeyUser: PasskeyUser;
let emails = 0;
const newEmail = (name: string) => `fuzz-${name}-${++emails}-${Date.now()}@example.com`;

async function mailUser(name: string): Promise<MailUser> {
  const email = newEmail(name);
  const { token, code } = await requestSignInMail(stack, email);
  return { email, username: linkPayload(token).username, token, code };
}

async function withPasskey(name: string, options?: Parameters<typeof softAuthenticator>[0]): Promise<PasskeyUser> {
  const email = newEmail(name);
  const { username, accessToken } = await signInByEmailCode(stack, email);
  const softKey = softAuthenticator(options);
  await registerSoftPasskey(stack, accessToken, softKey);
  const assertions = [await passkeyAssertion(stack, softKey, username), await passkeyAssertion(stack, softKey)];
  return { email, username, softKey, assertions };
}

beforeAll(async () => {
  stack = await startLocalStack({ env: FUZZ_LIMITS });
  cognito = cognitoClient(stack);
  [linkUsers, codeUsers, [passkeyUser, otherPasskeyUser]] = await Promise.all([
    Promise.all([mailUser("link"), mailUser("link")]),
    Promise.all([mailUser("code"), mailUser("code")]),
    Promise.all([withPasskey("passkey"), withPasskey("passkey")]),
  ]);
});
afterAll(async () => {
  cognito?.destroy();
  await stack?.close();
});

describe("CUSTOM_AUTH fuzz", () => {
  it("gives no mutant of a real answer, nor any garbage, tokens or a trigger crash", async () => {
    const cases = planCases(seededRandom(SEED), {
      linkUsers,
      codeUsers,
      passkeyUser,
      otherPasskeyUser,
      newEmail,
    });
    const failures: string[] = [];
    const logs = captureLogs();
    await runPool(cases, CONCURRENCY, async (fuzzCase) => {
      const problem = problemWith(fuzzCase, await attemptSignIn(cognito, stack.clientId, fuzzCase.attempt));
      if (problem) failures.push(`${fuzzCase.group} [${fuzzCase.label}]: ${problem}`);
    }).finally(logs.restore);
    failures.push(...logs.errors.map((line) => `logged an error: ${line.slice(0, 300)}`));
    expect(failures.slice(0, 25), `${failures.length} failures; ${replayHint(SEED, FILE)}`).toEqual([]);
  }, 120_000);

  it("signs in with each kind of real answer, unmutated and fresh", async () => {
    const [linkUser, codeUser] = await Promise.all([mailUser("control"), mailUser("control")]);
    const assertion = await passkeyAssertion(stack, passkeyUser.softKey);
    const controls: [string, Attempt][] = [
      ["MAGIC_LINK", { login: linkUser.email, answer: linkUser.token, clientMetadata: metadata("MAGIC_LINK") }],
      ["EMAIL_CODE", { login: codeUser.email, answer: codeUser.code, clientMetadata: metadata("EMAIL_CODE") }],
      [
        "PASSKEY",
        { login: passkeyUser.username, answer: JSON.stringify(assertion), clientMetadata: metadata("PASSKEY") },
      ],
    ];
    for (const [method, attempt] of controls) {
      const outcome = await attemptSignIn(cognito, stack.clientId, attempt);
      expect({ method, outcome }).toEqual({ method, outcome: { step: "respond", tokens: true, challenge: undefined } });
    }
  });

  it("signs in at most once with the same bytes spelt two ways", async () => {
    // Node's base64url reader takes a non-canonical spelling (unused low bits set) as the same bytes.
    // Single use holds by content, not by spelling: of the two, one signs in and the other is refused.
    // A synced passkey's counter stays 0: only the challenge's single use can refuse the second answer.
    const [user, synced] = await Promise.all([mailUser("spelling"), withPasskey("spelling", { counting: false })]);
    const [payload, signature = ""] = user.token.split(".");
    const [assertion] = synced.assertions;
    if (!assertion) throw new Error("no assertion");
    // Authenticator data is 37 bytes: its last character always has unused bits; a signature may have none.
    const respelt = { ...assertion.response, authenticatorData: nonCanonical(assertion.response.authenticatorData) };
    const pairs: [string, Attempt, Attempt][] = [
      [
        "MAGIC_LINK",
        { login: user.email, answer: `${payload}.${nonCanonical(signature)}`, clientMetadata: metadata("MAGIC_LINK") },
        { login: user.email, answer: user.token, clientMetadata: metadata("MAGIC_LINK") },
      ],
      [
        "PASSKEY",
        {
          login: synced.username,
          answer: JSON.stringify({ ...assertion, response: respelt }),
          clientMetadata: metadata("PASSKEY"),
        },
        { login: synced.username, answer: JSON.stringify(assertion), clientMetadata: metadata("PASSKEY") },
      ],
    ];
    for (const [method, respelled, canonical] of pairs) {
      const first = await attemptSignIn(cognito, stack.clientId, respelled);
      const second = await attemptSignIn(cognito, stack.clientId, canonical);
      expect({ method, signedIn: [first.tokens, second.tokens].filter(Boolean).length }).toEqual({
        method,
        signedIn: 1,
      });
      expect([first, second].find((outcome) => !outcome.tokens)?.error).toMatchObject({
        name: "NotAuthorizedException",
      });
    }
  });
});
