import { cognitoCall } from "./cognito.ts";
import { getConfig } from "./config.ts";
import { clearTokens, readTokens } from "./tokens.ts";

/** Forgets the tokens and revokes the refresh token (and the access tokens issued from it). */
export async function signOut(): Promise<void> {
  const tokens = readTokens();
  clearTokens();
  if (tokens?.refreshToken) {
    await cognitoCall("RevokeToken", { Token: tokens.refreshToken, ClientId: getConfig().clientId }).catch(() => {
      // Signing out locally must succeed even when the revocation cannot be delivered.
    });
  }
}
