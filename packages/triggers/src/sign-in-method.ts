import type { SignInMethod } from "@latchkey/protocol";

/** Each method of the protocol, once: a method added there and not here does not compile. */
const offered: Record<SignInMethod, true> = { PASSKEY: true, MAGIC_LINK: true, EMAIL_CODE: true, SMS_CODE: true };

/** The methods a RespondToAuthChallenge may name in ClientMetadata.signInMethod. */
export const signInMethods = Object.keys(offered) as SignInMethod[];

export function parseSignInMethod(value: string | undefined): SignInMethod | undefined {
  return signInMethods.find((method) => method === value);
}
