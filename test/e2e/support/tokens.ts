import type { LocalStack } from "@latchkey/local";
import { JwtVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";

/** The emulator serves its keys over plain HTTP on loopback; aws-jwt-verify's own fetcher wants HTTPS. */
const jwksCache = new SimpleJwksCache({
  fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() },
});

/** The claims of Cognito tokens that verify against the pool's keys: the ID token for this app client. */
export async function verifyTokens(
  stack: Pick<LocalStack, "config" | "clientId">,
  tokens: { idToken: string; accessToken: string },
) {
  const common = { issuer: stack.config.issuer, jwksUri: `${stack.config.issuer}/.well-known/jwks.json` };
  const id = JwtVerifier.create({ ...common, audience: stack.clientId }, { jwksCache });
  const access = JwtVerifier.create({ ...common, audience: null }, { jwksCache });
  return { id: await id.verify(tokens.idToken), access: await access.verify(tokens.accessToken) };
}
