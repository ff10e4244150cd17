/**
 * Redemption attacks, straight through the Cognito emulator's CUSTOM_AUTH (the wire a browser uses),
 * against the in-process local stack: each must end in NotAuthorizedException and no tokens.
 */

import { generateKeyPairSync } from "node:crypto";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { magicLinkAudience, signMagicLinkToken } from "@latchkey/core/magic-links";
import { ed25519Signer } from "@latchkey/core/signing";
import { type LocalStack, startLocalStack } from "@latchkey/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoClient, customAuthSignIn, REFUSED, type SignInOutcome } from "./support/cognito.ts";

/** A trigger that could not reach DynamoDB in time: Cognito's answer when Verify fails closed. */
const OUTAGE = "UserLambdaValidationException: VerifyAuthChallengeResponse failed with error SERVICE_UNAVAILABLE.";

import { linkPayload, requestSignInMail } from "./support/sign-in-by-email.ts";

let stack: LocalStack;
let shortLived: LocalStack;
let cognito: CognitoIdentityProviderClient;
beforeAll(async () => {
  [stack, shortLived] = await Promise.all([
    startLocalStack(),
    startLocalStack({ env: { LATCHKEY_LINK_EXPIRY_SECONDS: "1" } }),
  ]);
  cognito = cognitoClient(stack);
});
afterAll(async () => {
  cognito?.destroy();
  await Promise.all([stack?.close(), shortLived?.close()]);
});

let count = 0;
const newEmail = () => `redeem-${++count}@example.com`;

/** A user with an outstanding link and code, asked for through the api as a browser would. */
async function userWithLink(on: LocalStack = stack) {
  const email = newEmail();
  const { username } = await on.createUser(email);
  const { token, code } = await requestSignInMail(on, email);
  return { email, username, token, code };
}

/** One whole Cognito sign-in (its own session): InitiateAuth, then the answer. */
const redeem = (
  login: string,
  signInMethod: "MAGIC_LINK" | "EMAIL_CODE",
  answer: string,
  client = cognito,
  clientId = stack.clientId,
): Promise<SignInOutcome> => customAuthSignIn(client, clientId, { login, signInMethod, answer });

const stackSigner = () => ed25519Signer(stack.config.magicLinks.signingKeyPem ?? "");

describe("redeeming magic links and codes through Cognito", () => {
  it("signs in with a link once; the same link again is refused", async () => {
    const { username, token } = await userWithLink();
    expect(await redeem(username, "MAGIC_LINK", token)).toHaveProperty("tokens.IdToken");
    expect(await redeem(username, "MAGIC_LINK", token)).toEqual(REFUSED);
  });

  it("signs in with a code once (by email); the same code again is refused", async () => {
    const { email, code } = await userWithLink();
    expect(await redeem(email, "EMAIL_CODE", code)).toHaveProperty("tokens.IdToken");
    expect(await redeem(email, "EMAIL_CODE", code)).toEqual(REFUSED);
  });

  it("refuses a tampered payload", async () => {
    const { username, token } = await userWithLink();
    const [encoded, signature] = token.split(".") as [string, string];
    const payload = { ...linkPayload(token), exp: linkPayload(token).exp + 86_400 };
    expect(encoded).not.toBe(Buffer.from(JSON.stringify(payload)).toString("base64url"));
    const tampered = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    expect(await redeem(username, "MAGIC_LINK", tampered)).toEqual(REFUSED);
    expect(await redeem(username, "MAGIC_LINK", token)).toHaveProperty("tokens.IdToken");
  });

  it("refuses a link signed by another key", async () => {
    const { username, token } = await userWithLink();
    const otherKey = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const forged = await signMagicLinkToken(ed25519Signer(otherKey), linkPayload(token));
    expect(await redeem(username, "MAGIC_LINK", forged)).toEqual(REFUSED);
    expect(await redeem(username, "MAGIC_LINK", token)).toHaveProperty("tokens.IdToken");
  });

  it("refuses user A's link redeemed as user B, even re-addressed with a valid signature", async () => {
    const alice = await userWithLink();
    const bob = await userWithLink();
    expect(await redeem(bob.username, "MAGIC_LINK", alice.token)).toEqual(REFUSED);
    expect(await redeem(bob.email, "MAGIC_LINK", alice.token)).toEqual(REFUSED);
    // Even signed by the right key, A's link id is not B's outstanding link.
    const readdressed = await signMagicLinkToken(stackSigner(), {
      ...linkPayload(alice.token),
      username: bob.username,
    });
    expect(await redeem(bob.username, "MAGIC_LINK", readdressed)).toEqual(REFUSED);
    expect(await redeem(alice.username, "MAGIC_LINK", alice.token)).toHaveProperty("tokens.IdToken");
    expect(await redeem(bob.username, "MAGIC_LINK", bob.token)).toHaveProperty("tokens.IdToken");
  });

  it("refuses a link made out for another pool or another app client", async () => {
    const { username, token } = await userWithLink();
    const payload = linkPayload(token);
    for (const audience of [
      magicLinkAudience("us-east-1_OtherPool", stack.clientId),
      magicLinkAudience(stack.userPoolId, "anotherappclient000000001"),
    ]) {
      const forged = await signMagicLinkToken(stackSigner(), { ...payload, audience });
      expect(await redeem(username, "MAGIC_LINK", forged)).toEqual(REFUSED);
    }
    expect(await redeem(username, "MAGIC_LINK", token)).toHaveProperty("tokens.IdToken");
  });

  it("counts wrong codes across Cognito sessions: past the day's budget, even the right one is refused", async () => {
    const { email, code } = await userWithLink();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < stack.config.magicLinks.maxFailedCodesPerDay; i++) {
      expect(await redeem(email, "EMAIL_CODE", wrong)).toEqual(REFUSED);
    }
    expect(await redeem(email, "EMAIL_CODE", code)).toEqual(REFUSED);
  });

  it("gives at most one of 20 concurrent code guesses tokens, each in its own session, and then the code is dead", async () => {
    const { email, code } = await userWithLink();
    // The right code among wrong ones: it wins only if weighed before the day's budget of wrong codes
    // runs out; either way no more than one guess succeeds and nothing is left to guess.
    const guesses = Array.from({ length: 20 }, (_, i) =>
      i === 4 ? code : String((Number(code) + i + 1) % 1_000_000).padStart(6, "0"),
    );
    const outcomes = await Promise.all(guesses.map((guess) => redeem(email, "EMAIL_CODE", guess)));
    expect(outcomes.filter((outcome) => "tokens" in outcome).length).toBeLessThanOrEqual(1);
    expect(outcomes.filter((outcome) => !("tokens" in outcome) && outcome.error !== REFUSED.error)).toEqual([]);
    expect(await redeem(email, "EMAIL_CODE", code)).toEqual(REFUSED);
  });

  it("gives exactly one of 50 concurrent redemptions of one link tokens, each in its own session", async () => {
    const { username, token } = await userWithLink();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => redeem(username, "MAGIC_LINK", token)));
    expect(outcomes.filter((outcome) => "tokens" in outcome)).toHaveLength(1);
    // Every other one refused; on a machine too busy for DynamoDB's timeouts, a few may instead fail
    // closed as an outage, which is no success either.
    const others = outcomes.flatMap((outcome) => ("error" in outcome ? [outcome] : []));
    expect(others.filter((outcome) => outcome.error !== REFUSED.error)).toEqual(
      others.filter((outcome) => outcome.error === OUTAGE).map(() => ({ error: OUTAGE })),
    );
    expect(others.filter((outcome) => outcome.error === REFUSED.error).length).toBeGreaterThanOrEqual(40);
  });

  it("refuses an expired link and an expired code", async () => {
    const client = cognitoClient(shortLived);
    try {
      const { username, email, token, code } = await userWithLink(shortLived);
      const { exp } = linkPayload(token);
      // Wait out the one-second lifetime on the real clock the stack runs on.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, (exp + 1) * 1000 - Date.now())));
      expect(await redeem(username, "MAGIC_LINK", token, client, shortLived.clientId)).toEqual(REFUSED);
      expect(await redeem(email, "EMAIL_CODE", code, client, shortLived.clientId)).toEqual(REFUSED);
    } finally {
      client.destroy();
    }
  });
});
