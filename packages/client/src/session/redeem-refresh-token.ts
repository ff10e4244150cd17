import { cognitoCall } from "../cognito.ts";
import { LatchkeyClientError } from "../errors.ts";
import type { ResolvedConfig } from "./config.ts";
import { type Tokens, tokensFromResult } from "./tokens.ts";

/** Failures worth trying again later (no answer, an outage, throttling); any other answer ends the session. */
const PASSING = new Set(["NETWORK_ERROR", "SERVICE_UNAVAILABLE"]);

/**
 * New tokens for a refresh token (REFRESH_TOKEN_AUTH). Rejects with NETWORK_ERROR or SERVICE_UNAVAILABLE
 * when trying again later may help, and with SESSION_EXPIRED when Cognito refused the refresh token
 * (expired, revoked, user disabled or deleted, app client gone).
 */
export async function redeemRefreshToken(config: ResolvedConfig, refreshToken: string): Promise<Tokens> {
  try {
    const { AuthenticationResult } = await cognitoCall<{ AuthenticationResult?: Record<string, never> }>(
      config.cognitoEndpoint,
      "InitiateAuth",
      { AuthFlow: "REFRESH_TOKEN_AUTH", ClientId: config.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } },
    );
    return tokensFromResult(AuthenticationResult ?? {}, refreshToken);
  } catch (error) {
    if (error instanceof LatchkeyClientError && PASSING.has(error.code)) throw error;
    throw new LatchkeyClientError("SESSION_EXPIRED", "Your session has ended. Please sign in again.", { cause: error });
  }
}
