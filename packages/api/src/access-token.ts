import { type LatchkeyConfig, LatchkeyError } from "@latchkey/core";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import type { MiddlewareHandler } from "hono";

export interface SignedInUser {
  /** The opaque Cognito username (also the passkey user handle). */
  username: string;
  /** When the user last signed in, epoch seconds (kept across refreshes). */
  authTime: number;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<SignedInUser>;
}

/**
 * aws-jwt-verify's default fetcher speaks only HTTPS; the local emulator serves its keys over HTTP on
 * loopback. Cognito's JWKS URL is HTTPS, so the same fetcher serves both.
 */
const jwksCache = () =>
  new SimpleJwksCache({
    fetcher: {
      fetch: async (uri) => {
        const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
        if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });

/**
 * Verifies Cognito access tokens. JwtVerifier (not CognitoJwtVerifier) because the local emulator's
 * issuer is not a cognito-idp URL; the Cognito-specific checks (token_use, client_id) are made here.
 */
export function cognitoAccessTokens(config: LatchkeyConfig): AccessTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: null,
      jwksUri: `${config.issuer}/.well-known/jwks.json`,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== "access") throw new Error("not an access token");
        if (typeof payload.client_id !== "string" || !config.clientIds.includes(payload.client_id)) {
          throw new Error("access token for another client");
        }
      },
    },
    { jwksCache: jwksCache() },
  );
  return {
    async verify(token) {
      try {
        const payload = await verifier.verify(token);
        if (typeof payload.username !== "string" || typeof payload.auth_time !== "number") {
          throw new Error("access token lacks username or auth_time");
        }
        return { username: payload.username, authTime: payload.auth_time };
      } catch (error) {
        throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.", { cause: error });
      }
    },
  };
}

export type AuthEnv = { Variables: { user: SignedInUser } };

/** Requires `Authorization: Bearer <access token>`; puts the signed-in user on the context. */
export function requireUser(verifier: AccessTokenVerifier): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.");
    c.set("user", await verifier.verify(match[1]));
    await next();
  };
}

/** Sensitive changes need a sign-in within the configured window, not merely a refreshed token. */
export function requireRecentSignIn(windowSeconds: number, nowMs: () => number): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const age = Math.floor(nowMs() / 1000) - c.get("user").authTime;
    if (age > windowSeconds) {
      throw new LatchkeyError("RECENT_SIGN_IN_REQUIRED", "Sign in again to make this change.");
    }
    await next();
  };
}
