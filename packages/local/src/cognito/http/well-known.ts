import type { PoolContext } from "../pool-context.ts";

/**
 * The pool's discovery documents, under the issuer like Cognito's. Only what the emulator serves is
 * advertised: there is no hosted UI, so no authorization or token endpoint and no response types.
 */
export function wellKnownDocument(ctx: PoolContext, path: string): object | undefined {
  const prefix = `/${ctx.userPoolId}/.well-known/`;
  if (!path.startsWith(prefix)) return undefined;
  switch (path.slice(prefix.length)) {
    case "jwks.json":
      return { keys: [ctx.signingKey.jwk] };
    case "openid-configuration":
      return {
        issuer: ctx.issuer,
        jwks_uri: `${ctx.issuer}/.well-known/jwks.json`,
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        scopes_supported: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
        claims_supported: ["sub", "email", "email_verified", "cognito:username"],
      };
    default:
      return undefined;
  }
}
