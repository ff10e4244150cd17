import type { JwtPayload } from "./sign-jwt.ts";

export interface ClaimsOverride {
  claimsToAddOrOverride?: Record<string, string> | undefined;
  claimsToSuppress?: string[] | undefined;
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

/** Applies a V1 pre token generation response to ID token claims; a suppressed claim stays suppressed. */
export function applyClaimsOverride(claims: JwtPayload, override: ClaimsOverride | undefined): JwtPayload {
  const result = { ...claims };
  for (const [name, value] of Object.entries(override?.claimsToAddOrOverride ?? {})) {
    if (!protectedClaims.has(name)) result[name] = value;
  }
  for (const name of override?.claimsToSuppress ?? []) {
    if (!protectedClaims.has(name)) delete result[name];
  }
  return result;
}
