import { randomBytes } from "node:crypto";
import { toBase64Url } from "./base64url.ts";
import { encodeChallenge } from "./challenge-codec.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { ChallengePurpose } from "./types.ts";

/**
 * A fresh signed challenge (base64url, as WebAuthn options carry it): 32 random bytes bound to a purpose,
 * a username ("" for usernameless), an RP ID and an expiry. Nothing is stored until it is redeemed.
 */
export function issueChallenge(
  policy: PasskeyPolicy,
  input: { purpose: ChallengePurpose; username: string; rpId: string; nowMs: number },
): string {
  const expiresAt = Math.floor(input.nowMs / 1000) + policy.challengeTtlSeconds;
  const claims = { purpose: input.purpose, username: input.username, rpId: input.rpId, expiresAt };
  return toBase64Url(encodeChallenge(policy.challengeKey, claims, randomBytes(32)));
}
