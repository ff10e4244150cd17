import { randomBytes } from "node:crypto";
import { LatchkeyError } from "../errors.ts";
import { toBase64Url } from "./base64url.ts";
import { encodeChallenge, MAX_BOUND_VALUE_BYTES } from "./challenge-codec.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { ChallengePurpose } from "./types.ts";

/**
 * A fresh signed challenge (base64url, as WebAuthn options carry it): 32 random bytes bound to a purpose,
 * a username ("" for usernameless), an RP ID and an expiry. Nothing is stored until it is redeemed.
 * A username longer than a challenge can carry is no one's (Cognito's are at most 128 characters, an
 * address at most 254 ASCII ones): a bad request, as the typed name it came from was.
 */
export function issueChallenge(
  policy: PasskeyPolicy,
  input: { purpose: ChallengePurpose; username: string; rpId: string; nowMs: number },
): string {
  if (Buffer.byteLength(input.username, "utf8") > MAX_BOUND_VALUE_BYTES) {
    throw new LatchkeyError("BAD_REQUEST", "Username too long.");
  }
  const expiresAt = Math.floor(input.nowMs / 1000) + policy.challengeTtlSeconds;
  const claims = { purpose: input.purpose, username: input.username, rpId: input.rpId, expiresAt };
  return toBase64Url(encodeChallenge(policy.challengeKey, claims, randomBytes(32)));
}
