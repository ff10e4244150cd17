import { isConfigured } from "./config.ts";
import { decodeJwtPayload } from "./jwt.ts";
import { readTokens } from "./tokens.ts";

/** The signed-in user, from the ID token's claims. */
export interface LatchkeyUser {
  /** The Cognito username: opaque (a UUID), also the passkeys' user handle. */
  username: string;
  sub: string;
  email: string | undefined;
  emailVerified: boolean;
  /** When the user last signed in (not refreshed), epoch seconds. */
  authTime: number | undefined;
  /** Every claim of the ID token, for custom attributes and groups. */
  claims: Readonly<Record<string, unknown>>;
}

// The same ID token gives the same object, so a UI that compares users by reference re-renders only on change.
let last: { idToken: string; user: LatchkeyUser } | undefined;

/** The user the stored ID token describes; undefined when signed out. Claims are read, not verified. */
export function getUser(): LatchkeyUser | undefined {
  const tokens = isConfigured() ? readTokens() : undefined;
  if (!tokens) return undefined;
  if (last?.idToken !== tokens.idToken) last = { idToken: tokens.idToken, user: userFromIdToken(tokens.idToken) };
  return last.user;
}

function userFromIdToken(idToken: string): LatchkeyUser {
  const claims = decodeJwtPayload(idToken);
  const sub = String(claims.sub ?? "");
  return {
    username: String(claims["cognito:username"] ?? sub),
    sub,
    email: typeof claims.email === "string" ? claims.email : undefined,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    authTime: typeof claims.auth_time === "number" ? claims.auth_time : undefined,
    claims,
  };
}
