import type { LatchkeyConfig } from "@latchkey/core";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { JwksCache } from "aws-jwt-verify/jwk";
import { type AccessTokenVerifier, accessTokenVerifier } from "./access-token.ts";

/**
 * Access tokens of the configured user pool, for one of its app clients: issuer and signing keys follow
 * from the pool ID. `jwksCache` holds the keys; by default they are fetched from the pool over HTTPS.
 */
export function cognitoAccessTokens(
  config: Pick<LatchkeyConfig, "userPoolId" | "clientIds">,
  jwksCache?: JwksCache,
): AccessTokenVerifier {
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: config.userPoolId, tokenUse: "access", clientId: config.clientIds },
    jwksCache && { jwksCache },
  );
  return accessTokenVerifier((token) => verifier.verify(token));
}
