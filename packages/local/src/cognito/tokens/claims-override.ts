import type { JwtPayload } from "./sign-jwt.ts";

export interface ClaimsOverride {
  claimsToAddOrOverride?: Record<string, string> | undefined;
  claimsToSuppress?: string[] | undefined;
}

export interface AccessTokenOverride extends ClaimsOverride {
  scopesToAdd?: string[] | undefined;
  scopesToSuppress?: string[] | undefined;
}

/** What pre token generation changes: the ID token (V1_0 and V2_0) and the access token (V2_0 only). */
export interface TokenOverrides {
  id?: ClaimsOverride | undefined;
  access?: AccessTokenOverride | undefined;
}

/** The claims Cognito documents as beyond the reach of the pre token generation trigger. */
const protectedClaims = new Set([
  "acr",
  "amr",
  "aud",
  "at_hash",
  "auth_time",
  "azp",
  "cognito:username",
  "exp",
  "iat",
  "identities",
  "iss",
  "jti",
  "nbf",
  "nonce",
  "origin_jti",
  "sub",
  "token_use",
]);

/** Beyond those, an access token's own: what it is for, whose it is, and its scopes (changed by scope lists). */
const protectedAccessClaims = new Set([...protectedClaims, "client_id", "event_id", "scope", "username", "version"]);

function applyClaims(claims: JwtPayload, override: ClaimsOverride | undefined, guarded: Set<string>): JwtPayload {
  const result = { ...claims };
  for (const [name, value] of Object.entries(override?.claimsToAddOrOverride ?? {})) {
    if (!guarded.has(name)) result[name] = value;
  }
  for (const name of override?.claimsToSuppress ?? []) {
    if (!guarded.has(name)) delete result[name];
  }
  return result;
}

/** Applies a pre token generation response to ID token claims; a suppressed claim stays suppressed. */
export function applyClaimsOverride(claims: JwtPayload, override: ClaimsOverride | undefined): JwtPayload {
  return applyClaims(claims, override, protectedClaims);
}

/** Applies a V2_0 response to access token claims: claims as for the ID token, then the scope lists. */
export function applyAccessTokenOverride(claims: JwtPayload, override: AccessTokenOverride | undefined): JwtPayload {
  const result = applyClaims(claims, override, protectedAccessClaims);
  if (!override?.scopesToAdd?.length && !override?.scopesToSuppress?.length) return result;
  const scopes = new Set(
    String(result.scope ?? "")
      .split(" ")
      .filter(Boolean),
  );
  for (const scope of override.scopesToAdd ?? []) scopes.add(scope);
  for (const scope of override.scopesToSuppress ?? []) scopes.delete(scope);
  return { ...result, scope: [...scopes].join(" ") };
}
