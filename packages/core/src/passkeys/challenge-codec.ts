import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChallengeClaims, ChallengePurpose } from "./types.ts";

/**
 * A challenge is self-contained and signed, so the public options endpoint stores nothing:
 *   version(1) purpose(1) expiresAt(4, epoch s) random(32) rpIdLength(1) rpId userLength(1) user mac(32)
 * with mac = HMAC-SHA256(key, "latchkey/passkey-challenge" || everything before it). The user is not
 * the username but its keyed digest (userDigest; none for usernameless): options are public and their
 * challenge readable by anyone, and a username in it would name the account an address belongs to, or
 * show the address itself where it belongs to nobody.
 */
const VERSION = 1;
const RANDOM_BYTES = 32;
const MAC_BYTES = 32;
const DOMAIN = Buffer.from("latchkey/passkey-challenge");
const USER_DOMAIN = Buffer.from("latchkey/passkey-challenge-user");
const USER_DIGEST_BYTES = 16;
// Append only: a purpose's number is in every challenge issued.
const purposes: ChallengePurpose[] = ["registration", "authentication", "conditional-registration"];

/** Longest RP ID a challenge can carry (one length byte). */
export const MAX_BOUND_VALUE_BYTES = 255;
export const MIN_CHALLENGE_BYTES = 1 + 1 + 4 + RANDOM_BYTES + 1 + 1 + MAC_BYTES;
export const MAX_CHALLENGE_BYTES = MIN_CHALLENGE_BYTES + MAX_BOUND_VALUE_BYTES + USER_DIGEST_BYTES;

/** What a challenge carries of the username it is for: a keyed digest, base64url; "" for nobody's. */
export function userDigest(key: Uint8Array, username: string): string {
  if (username === "") return "";
  return createHmac("sha256", key)
    .update(USER_DOMAIN)
    .update(username, "utf8")
    .digest()
    .subarray(0, USER_DIGEST_BYTES)
    .toString("base64url");
}

function mac(key: Uint8Array, body: Uint8Array): Buffer {
  return createHmac("sha256", key).update(DOMAIN).update(body).digest();
}

export function encodeChallenge(
  key: Uint8Array,
  claims: Omit<ChallengeClaims, "user"> & { username: string },
  random: Uint8Array,
): Uint8Array {
  const rpId = Buffer.from(claims.rpId, "utf8");
  const username = Buffer.from(userDigest(key, claims.username), "base64url");
  if (rpId.length > MAX_BOUND_VALUE_BYTES) throw new RangeError("RP ID too long for a challenge");
  const header = Buffer.alloc(6);
  header.writeUInt8(VERSION, 0);
  header.writeUInt8(purposes.indexOf(claims.purpose) + 1, 1);
  header.writeUInt32BE(claims.expiresAt, 2);
  const body = Buffer.concat([header, random, Buffer.of(rpId.length), rpId, Buffer.of(username.length), username]);
  return Buffer.concat([body, mac(key, body)]);
}

/** The claims of an authentic challenge, or undefined for anything we did not sign. Expiry is the caller's. */
export function decodeChallenge(key: Uint8Array, bytes: Uint8Array): ChallengeClaims | undefined {
  if (bytes.length < MIN_CHALLENGE_BYTES || bytes.length > MAX_CHALLENGE_BYTES) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const body = buffer.subarray(0, buffer.length - MAC_BYTES);
  const expected = mac(key, body);
  if (!timingSafeEqual(expected, buffer.subarray(buffer.length - MAC_BYTES))) return undefined;
  // Authentic from here on: the layout was written by encodeChallenge.
  if (body.readUInt8(0) !== VERSION) return undefined;
  const purpose = purposes[body.readUInt8(1) - 1];
  if (!purpose) return undefined;
  const expiresAt = body.readUInt32BE(2);
  let offset = 6 + RANDOM_BYTES;
  const rpIdLength = body.readUInt8(offset);
  const rpId = body.subarray(offset + 1, offset + 1 + rpIdLength).toString("utf8");
  offset += 1 + rpIdLength;
  const userLength = body.readUInt8(offset);
  const user = body.subarray(offset + 1, offset + 1 + userLength).toString("base64url");
  if (offset + 1 + userLength !== body.length) return undefined;
  return { purpose, user, rpId, expiresAt };
}
