import { trackBusy } from "./auth-state.ts";
import { cognitoCall } from "./cognito.ts";
import { getConfig } from "./config.ts";
import { getFreshTokens } from "./refresh-tokens.ts";
import { clearTokens, readTokens } from "./tokens.ts";

/**
 * Forgets the tokens and revokes the refresh token (and the access tokens issued from it). With
 * `global`, signs the user out of every device (GlobalSignOut); that failing is reported, after the
 * local sign-out, because the user asked for something that did not happen.
 */
export function signOut(options: { global?: boolean } = {}): Promise<void> {
  return trackBusy("sign-out", async () => {
    if (options.global) {
      const tokens = await getFreshTokens().catch(() => undefined);
      clearTokens();
      if (tokens) await cognitoCall("GlobalSignOut", { AccessToken: tokens.accessToken });
      return;
    }
    const tokens = readTokens();
    clearTokens();
    if (tokens?.refreshToken) {
      await cognitoCall("RevokeToken", { Token: tokens.refreshToken, ClientId: getConfig().clientId }).catch(() => {
        // Signing out locally must succeed even when the revocation cannot be delivered.
      });
    }
  });
}
