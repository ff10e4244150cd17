import { createHmac } from "node:crypto";
import { toBase64Url } from "./base64url.ts";
import type { PasskeyPolicy } from "./policy.ts";

/** Credential ID lengths that real authenticators produce, so a decoy looks like one of them. */
const LENGTHS = [16, 20, 32, 64];
/**
 * Transports as real registrations report them, the common ones more than once: a synced platform
 * passkey, a device-bound one, a USB key, a USB and NFC key.
 */
const TRANSPORTS = [["hybrid", "internal"], ["hybrid", "internal"], ["internal"], ["usb"], ["nfc", "usb"]];

/**
 * allowCredentials for a username with no passkeys or no account: derived by HMAC from the username,
 * so repeated requests agree and the response cannot tell users with passkeys from those without.
 * Most people have one passkey, some two: so do decoys, with the lengths and transports of real ones.
 */
export function decoyCredentials(policy: PasskeyPolicy, username: string): { id: string; transports: string[] }[] {
  const digest = (label: string) =>
    createHmac("sha256", policy.challengeKey).update(`latchkey/decoy-credential/${label}`).update(username).digest();
  const count = (digest("count")[0] as number) % 4 === 3 ? 2 : 1;
  return Array.from({ length: count }, (_, index) => {
    const bytes = Buffer.concat([digest(`${index}a`), digest(`${index}b`)]);
    const length = LENGTHS[(bytes[0] as number) % LENGTHS.length] as number;
    const transports = TRANSPORTS[(bytes[1] as number) % TRANSPORTS.length] as string[];
    return { id: toBase64Url(bytes.subarray(0, length)), transports };
  });
}
