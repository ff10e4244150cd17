/** The methods a RespondToAuthChallenge may name in ClientMetadata.signInMethod. */
export const signInMethods = ["PASSKEY", "MAGIC_LINK", "EMAIL_CODE"] as const;
export type SignInMethod = (typeof signInMethods)[number];

export function parseSignInMethod(value: string | undefined): SignInMethod | undefined {
  return signInMethods.find((method) => method === value);
}
