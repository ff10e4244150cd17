import { isBooleanAttribute } from "../users/attributes.ts";
import type { UserRecord } from "../users/user-record.ts";
import type { JwtPayload } from "./sign-jwt.ts";
import type { TokenFamily } from "./token-store.ts";

export interface ClaimContext {
  issuer: string;
  family: TokenFamily;
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  eventId: string;
}

/** What every token of a family carries. */
function common(context: ClaimContext, user: UserRecord, jti: string): JwtPayload {
  return {
    sub: user.username,
    iss: context.issuer,
    origin_jti: context.family.originJti,
    event_id: context.eventId,
    auth_time: context.family.authTime,
    exp: context.expiresAt,
    iat: context.issuedAt,
    jti,
  };
}

/** The ID token carries the user's attributes, with the *_verified ones as JSON booleans. */
export function idTokenClaims(context: ClaimContext, user: UserRecord, jti: string): JwtPayload {
  const attributes: JwtPayload = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === "sub") continue;
    attributes[name] = isBooleanAttribute(name) ? value === "true" : value;
  }
  return {
    ...attributes,
    ...common(context, user, jti),
    aud: context.family.clientId,
    token_use: "id",
    "cognito:username": user.username,
  };
}

/** The one scope of an access token from the user-pool API (no OAuth): what a user may do to their own account. */
export const ACCESS_TOKEN_SCOPE = "aws.cognito.signin.user.admin";

export function accessTokenClaims(context: ClaimContext, user: UserRecord, jti: string): JwtPayload {
  return {
    ...common(context, user, jti),
    client_id: context.family.clientId,
    token_use: "access",
    scope: ACCESS_TOKEN_SCOPE,
    username: user.username,
  };
}
