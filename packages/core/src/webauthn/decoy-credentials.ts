import { createHmac } from "node:crypto";
import { toBase64Url } from "./base64url.ts";
import type { PasskeyPolicy } from "./policy.ts";

/** Credential ID lengths that real authenticators produce, so a decoy looks like one of them. */
const LENGTHS = [16, 20, 32, 64];

/**
 * allowCredentials for a username with no passkeys or no account: derived by HMAC from the username,
 * so repeated requests agree and the response cannot tell users with passkeys from those without.
 */
export function decoyCredentials(policy: PasskeyPolicy, username: string): { id: string; transports: string[] }[] {
  const digest = (label: string) =>
    createHmac("sha256", policy.challengeKey).update(`latchkey/decoy-credential/${label}`).update(username).digest();
  const bytes = Buffer.concat([digest("a"), digest("b")]);
  const length = LENGTHS[(bytes[0] as number) % LENGTHS.length] as number;
  return [{ id: toBase64Url(bytes.subarray(0, length)), transports: ["hybrid", "internal"] }];
}
