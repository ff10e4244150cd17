import { decodeJwtPayload } from "../jwt.ts";

/** The signed-in user, from the ID token's claims. */
export interface LatchkeyUser {
  /** The Cognito username: opaque (a UUID), also the passkeys' user handle. */
  username: string;
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  /** E.164, for a user who has a phone number (a phone-only user has no email). */
  phoneNumber: string | undefined;
  phoneNumberVerified: boolean;
  /** When the user last signed in (not refreshed), epoch seconds. */
  authTime: number | undefined;
  /** Every claim of the ID token, for custom attributes and groups. */
  claims: Readonly<Record<string, unknown>>;
}

/** The user an ID token describes, from its claims (read, not verified: the api verifies tokens). */
export function userFromIdToken(idToken: string): LatchkeyUser {
  const claims = decodeJwtPayload(idToken);
  const sub = String(claims.sub ?? "");
  return {
    username: String(claims["cognito:username"] ?? sub),
    sub,
    email: typeof claims.email === "string" ? claims.email : undefined,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    phoneNumber: typeof claims.phone_number === "string" ? claims.phone_number : undefined,
    phoneNumberVerified: claims.phone_number_verified === true || claims.phone_number_verified === "true",
    authTime: typeof claims.auth_time === "number" ? claims.auth_time : undefined,
    claims,
  };
}
