import { fromBase64Url, isBase64Url } from "./base64url.ts";
import { decodeChallenge, MAX_CHALLENGE_BYTES, userDigest } from "./challenge-codec.ts";
import type { PasskeyPolicy } from "./policy.ts";
import type { ChallengeClaims, ChallengePurpose } from "./types.ts";

export type OpenedChallenge = { ok: true; claims: ChallengeClaims; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Checks a challenge echoed back in clientDataJSON: ours, unexpired, for this purpose (or one of these) and, when it was
 * issued for a username, for this user. Single use is checked later, by the store, after the signature.
 */
export function openChallenge(
  policy: PasskeyPolicy,
  challenge: unknown,
  expected: { purpose: ChallengePurpose | readonly ChallengePurpose[]; username: string; nowMs: number },
): OpenedChallenge {
  if (!isBase64Url(challenge, Math.ceil((MAX_CHALLENGE_BYTES * 4) / 3)))
    return { ok: false, reason: "challenge malformed" };
  const bytes = fromBase64Url(challenge);
  const claims = decodeChallenge(policy.challengeKey, bytes);
  if (!claims) return { ok: false, reason: "challenge not issued by us" };
  if (![expected.purpose].flat().includes(claims.purpose))
    return { ok: false, reason: "challenge issued for another purpose" };
  const now = Math.floor(expected.nowMs / 1000);
  if (claims.expiresAt <= now) return { ok: false, reason: "challenge expired" };
  if (claims.expiresAt > now + policy.challengeTtlSeconds) return { ok: false, reason: "challenge outlives its TTL" };
  if (claims.purpose !== "authentication" && claims.user === "") return { ok: false, reason: "challenge has no user" };
  if (claims.user !== "" && claims.user !== userDigest(policy.challengeKey, expected.username)) {
    return { ok: false, reason: "challenge issued for another user" };
  }
  if (claims.rpId !== "" && !policy.relyingPartyIds.includes(claims.rpId)) {
    return { ok: false, reason: "challenge names an RP ID no longer configured" };
  }
  return { ok: true, claims, bytes };
}
