import { decodeJwtPayload } from "../jwt.ts";
import type { ResolvedConfig } from "./config.ts";
import type { TokenStore } from "./tokens.ts";

/**
 * Amplify's layout (v5 and v6): CognitoIdentityServiceProvider.<clientId>.<username>.{idToken,
 * accessToken, refreshToken, clockDrift} and .LastAuthUser. Amplify keeps no expiry, only the JWTs
 * and the drift (server clock minus local clock, ms), so the expiry is derived the way Amplify does.
 * Signing out also removes what Amplify keeps beside them (signInDetails, oauthMetadata).
 */
/** What Amplify stores for a signed-in user besides the tokens and the drift. */
const AMPLIFY_ONLY = ["signInDetails", "oauthMetadata"];

export function amplifyTokenStore({ storage, clientId }: ResolvedConfig): TokenStore {
  const prefix = `CognitoIdentityServiceProvider.${clientId}`;
  const lastUserKey = `${prefix}.LastAuthUser`;
  const keysOf = (username: string) => ({
    idToken: `${prefix}.${username}.idToken`,
    accessToken: `${prefix}.${username}.accessToken`,
    refreshToken: `${prefix}.${username}.refreshToken`,
    clockDrift: `${prefix}.${username}.clockDrift`,
  });
  return {
    read() {
      const username = storage.getItem(lastUserKey);
      if (!username) return undefined;
      const keys = keysOf(username);
      const idToken = storage.getItem(keys.idToken);
      const accessToken = storage.getItem(keys.accessToken);
      if (!idToken || !accessToken) return undefined;
      const exp = Number(decodeJwtPayload(accessToken).exp);
      if (!Number.isFinite(exp)) return undefined;
      const clockDrift = Number(storage.getItem(keys.clockDrift)) || 0;
      return {
        idToken,
        accessToken,
        refreshToken: storage.getItem(keys.refreshToken) ?? undefined,
        expiresAt: exp * 1000 - clockDrift,
      };
    },
    write(tokens) {
      const payload = decodeJwtPayload(tokens.accessToken);
      const username = String(payload.username ?? payload.sub ?? "");
      const keys = keysOf(username);
      // Our expiry is local-clock; the drift that reproduces it from the token's own exp.
      const clockDrift = Number(payload.exp) * 1000 - tokens.expiresAt;
      storage.setItem(keys.idToken, tokens.idToken);
      storage.setItem(keys.accessToken, tokens.accessToken);
      if (tokens.refreshToken) storage.setItem(keys.refreshToken, tokens.refreshToken);
      storage.setItem(keys.clockDrift, String(Number.isFinite(clockDrift) ? Math.round(clockDrift) : 0));
      storage.setItem(lastUserKey, username);
    },
    clear() {
      const username = storage.getItem(lastUserKey);
      if (username) {
        for (const key of Object.values(keysOf(username))) storage.removeItem(key);
        for (const item of AMPLIFY_ONLY) storage.removeItem(`${prefix}.${username}.${item}`);
      }
      storage.removeItem(lastUserKey);
    },
    owns: (key) => key.startsWith(`${prefix}.`),
  };
}
