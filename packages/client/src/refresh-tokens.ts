import { inPhase } from "./auth-state.ts";
import { cognitoCall } from "./cognito.ts";
import { getConfig } from "./config.ts";
import { LatchkeyClientError } from "./errors.ts";
import { clearTokens, readTokens, storeTokens, type Tokens, tokensFromResult } from "./tokens.ts";
import { withRefreshLock } from "./with-refresh-lock.ts";

let inflight: Promise<Tokens | undefined> | undefined;

/** Failures worth trying again later (no answer, an outage, throttling); any other answer ends the session. */
const PASSING = new Set(["NETWORK_ERROR", "SERVICE_UNAVAILABLE"]);

/** Whether tokens expire within the refresh margin. */
export function needsRefresh(tokens: Tokens): boolean {
  return tokens.expiresAt - getConfig().refreshMarginMs <= Date.now();
}

async function refreshUnderLock(seen: string | undefined, force: boolean): Promise<Tokens | undefined> {
  // Re-read: another tab may have refreshed (or signed out) while this one waited for the lock.
  const tokens = readTokens();
  if (!tokens?.refreshToken) return tokens;
  if (!needsRefresh(tokens) && (!force || tokens.accessToken !== seen)) return tokens;
  try {
    const { AuthenticationResult } = await cognitoCall<{ AuthenticationResult?: Record<string, never> }>(
      "InitiateAuth",
      {
        AuthFlow: "REFRESH_TOKEN_AUTH",
        ClientId: getConfig().clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.refreshToken },
      },
    );
    const fresh = tokensFromResult(AuthenticationResult ?? {}, tokens.refreshToken);
    // Signed out (or in as someone else) while the call was out: that session wins, not this refresh.
    const stored = readTokens();
    if (stored?.refreshToken !== tokens.refreshToken) return stored;
    storeTokens(fresh);
    return fresh;
  } catch (error) {
    if (error instanceof LatchkeyClientError && PASSING.has(error.code)) throw error;
    // Cognito refused the refresh token (expired, revoked, user disabled or deleted, app client gone).
    if (readTokens()?.refreshToken === tokens.refreshToken) clearTokens();
    throw new LatchkeyClientError("SESSION_EXPIRED", "Your session has ended. Please sign in again.", { cause: error });
  }
}

/**
 * Refreshes the tokens with REFRESH_TOKEN_AUTH: once per page however many callers ask at the same
 * time, and once across tabs. Without `force`, tokens that are not near expiry are returned as they are.
 */
export function refreshTokens(options: { force?: boolean } = {}): Promise<Tokens | undefined> {
  if (inflight && options.force) {
    // The refresh under way may be one that found nothing to do: a forced one then follows it.
    const seen = readTokens()?.accessToken;
    return inflight.then((tokens) => (tokens?.accessToken !== seen ? tokens : refreshTokens(options)));
  }
  if (!inflight) {
    const seen = readTokens()?.accessToken;
    inflight = inPhase("refreshing", () => withRefreshLock(() => refreshUnderLock(seen, options.force ?? false)));
    inflight.then(
      () => (inflight = undefined),
      () => (inflight = undefined),
    );
  }
  return inflight;
}

/** The current tokens, refreshed first when they expire within the margin; undefined when signed out. */
export async function getFreshTokens(): Promise<Tokens | undefined> {
  const tokens = readTokens();
  if (!tokens || !needsRefresh(tokens)) return tokens;
  return refreshTokens();
}
