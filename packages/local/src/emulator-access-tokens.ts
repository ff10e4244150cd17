import { type AccessTokenVerifier, accessTokenVerifier } from "@latchkey/api";
import { JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";

/** aws-jwt-verify fetches keys over HTTPS only; the emulator serves them over plain HTTP on loopback. */
const httpJwksCache = () =>
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
 * Access tokens of the Cognito emulator, for one of the given app clients. The emulator's issuer is its
 * loopback URL, which CognitoJwtVerifier does not accept, so the generic verifier makes Cognito's
 * checks (token_use, client_id) with aws-jwt-verify's own Cognito validation.
 */
export function emulatorAccessTokens(
  emulator: { issuer: string; jwksUri: string },
  clientIds: string[],
): AccessTokenVerifier {
  const verifier = JwtVerifier.create(
    {
      issuer: emulator.issuer,
      audience: null,
      jwksUri: emulator.jwksUri,
      customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: "access", clientId: clientIds }),
    },
    { jwksCache: httpJwksCache() },
  );
  return accessTokenVerifier((token) => verifier.verify(token));
}
