import { verifierStore } from "../session/verifier-store.ts";

/**
 * This browser's requests for sign-in texts: for each number, the random verifier whose SHA-256 (the
 * bindingHash) went with the newest request. The code can be tried only with it, so only this browser
 * can use the code, or use up its tries. Kept a quarter of an hour (no code lives longer), a few numbers.
 */
const texts = verifierStore({ key: "latchkey.smsVerifiers", kept: 5, keptMs: 900_000 });

/** Creates and keeps a new verifier for `phoneNumber`, replacing its last; returns the hash to send. */
export const newSmsVerifier = (phoneNumber: string): Promise<string> => texts.add(phoneNumber);

/** The verifier of this browser's newest request for a text to `phoneNumber`, if any. */
export const smsVerifierFor = (phoneNumber: string): string | undefined =>
  texts.read().find((entry) => entry.subject === phoneNumber)?.verifier;

/** Forgets the verifier of a number whose code has been used. */
export const forgetSmsVerifier = (phoneNumber: string): void => texts.forget((entry) => entry.subject === phoneNumber);
