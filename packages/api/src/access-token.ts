import { LatchkeyError, type PoolUser, type UserDirectory } from "@latchkey/core";
import { STEP_UP_ACTION_CLAIM, type StepUpAction } from "@latchkey/protocol";
import type { JwtPayload } from "aws-jwt-verify/jwt-model";
import type { MiddlewareHandler } from "hono";

export interface SignedInUser {
  /** The opaque Cognito username (also the passkey user handle). */
  username: string;
  /** When the user last signed in, epoch seconds (kept across refreshes). */
  authTime: number;
  /** When this token was issued, epoch seconds: authTime at a sign-in, later once refreshed. */
  issuedAt: number;
  /** The app client the token was issued to. */
  clientId: string;
  /** The one action a step-up bound this sign-in to (the step_up_action claim); undefined: none. */
  stepUpAction?: string | undefined;
}

export interface AccessTokenVerifier {
  verify(token: string): Promise<SignedInUser>;
}

/**
 * The signed-in user of an access token that `verifyJwt` accepted (signature, issuer, expiry, token_use,
 * client_id); any refusal, or a token without username, auth_time, iat or client_id, or with a step-up
 * action that is not a string, is UNAUTHORIZED.
 */
export function accessTokenVerifier(verifyJwt: (token: string) => Promise<JwtPayload>): AccessTokenVerifier {
  return {
    async verify(token) {
      try {
        const payload = await verifyJwt(token);
        const { username, auth_time: authTime, iat: issuedAt, client_id: clientId } = payload;
        if (
          typeof username !== "string" ||
          typeof authTime !== "number" ||
          typeof issuedAt !== "number" ||
          typeof clientId !== "string"
        ) {
          throw new Error("access token lacks username, auth_time, iat or client_id");
        }
        const stepUpAction = payload[STEP_UP_ACTION_CLAIM];
        if (stepUpAction !== undefined && typeof stepUpAction !== "string") {
          throw new Error("access token has a step-up action that is not a string");
        }
        return { username, authTime, issuedAt, clientId, ...(stepUpAction !== undefined && { stepUpAction }) };
      } catch (error) {
        throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.", { cause: error });
      }
    },
  };
}

export type AuthEnv = {
  Variables: { user: SignedInUser & Omit<PoolUser, "username"> };
};

/**
 * Requires `Authorization: Bearer <access token>` and puts the signed-in user on the context. The JWT
 * is checked first, locally; a token that passes is then shown to the pool (one Cognito GetUser),
 * because only the pool knows that it was revoked, that its user signed out everywhere, or that the
 * user was disabled or deleted since: each of those is UNAUTHORIZED. A pool that cannot be asked is
 * SERVICE_UNAVAILABLE, never a pass.
 */
export function requireUser(
  verifier: AccessTokenVerifier,
  directory: Pick<UserDirectory, "userByAccessToken">,
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) throw new LatchkeyError("UNAUTHORIZED", "A valid access token is required.");
    const signedIn = await verifier.verify(match[1]);
    const current = await directory.userByAccessToken(match[1]).catch((cause: unknown) => {
      throw new LatchkeyError("SERVICE_UNAVAILABLE", "Could not check the sign-in; try again later.", { cause });
    });
    if (current?.username !== signedIn.username) {
      throw new LatchkeyError("UNAUTHORIZED", "This sign-in has ended; sign in again.");
    }
    c.set("user", { ...current, ...signedIn });
    await next();
  };
}

/**
 * How much later than its sign-in a token may be issued and still be the sign-in's own. Cognito stamps
 * auth_time when the last answer is accepted and iat when the tokens are made, after the pre token
 * generation trigger, which may start cold and is retried within its five-second limit.
 */
const SIGN_IN_ISSUE_SLACK_SECONDS = 30;

/**
 * Sensitive changes need a sign-in within the configured window, not merely a refreshed token: a
 * sign-in or a step-up. A step-up bound to one action counts for that action only; an unbound one
 * counts for every action. A refreshed token (issued well after its sign-in) never counts: a refresh
 * keeps auth_time but drops the step-up's binding, so a token bound to one action would come back unbound.
 */
export function requireRecentSignIn(
  windowSeconds: number,
  nowMs: () => number,
  action: StepUpAction,
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const { authTime, issuedAt, stepUpAction } = c.get("user");
    const age = Math.floor(nowMs() / 1000) - authTime;
    const refreshed = issuedAt - authTime > SIGN_IN_ISSUE_SLACK_SECONDS;
    if (age > windowSeconds || refreshed || (stepUpAction !== undefined && stepUpAction !== action)) {
      throw new LatchkeyError("RECENT_SIGN_IN_REQUIRED", "Sign in again to make this change.");
    }
    await next();
  };
}
