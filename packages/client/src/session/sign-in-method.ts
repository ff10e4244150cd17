import type { SignInMethod } from "@latchkey/protocol";
import { decodeJwtPayload } from "../jwt.ts";
import type { ResolvedConfig } from "./config.ts";
import { defaultSession, getUser } from "./default-session.ts";

/**
 * How the current user signed in, which no token says: kept beside the tokens, for the sign-in that
 * issued them. A sign-in is named by its ID token's origin_jti (one per sign-in, kept by refreshes)
 * or else its auth_time, so a record left by an earlier sign-in, or tokens another library stored
 * (Amplify sharing the keys), never take it over.
 */
const key = (clientId: string) => `latchkey.${clientId}.signInMethod`;

function signInOf(claims: Readonly<Record<string, unknown>>): string {
  return String(claims.origin_jti ?? claims.auth_time ?? "");
}

/** Notes the method of a sign-in whose tokens are about to be stored. */
export function recordSignInMethod(config: ResolvedConfig, idToken: string, method: SignInMethod): void {
  config.storage.setItem(key(config.clientId), JSON.stringify({ signIn: signInOf(decodeJwtPayload(idToken)), method }));
}

/**
 * How the signed-in user signed in this time: PASSKEY, MAGIC_LINK, EMAIL_CODE or SMS_CODE. Undefined when
 * signed out, or when the tokens did not come from this client's sign-in (another app stored them).
 */
export function getSignInMethod(): SignInMethod | undefined {
  const user = getUser();
  if (!user) return undefined;
  const { storage, clientId } = defaultSession().config;
  try {
    const record = JSON.parse(storage.getItem(key(clientId)) ?? "{}") as { signIn?: unknown; method?: SignInMethod };
    return record.signIn === signInOf(user.claims) ? record.method : undefined;
  } catch {
    return undefined;
  }
}
