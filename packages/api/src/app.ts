/**
 * The api package's entry: the app factory and what an entry point needs to run it. createApp is a module
 * of its own so that the Lambda handler's static imports stay off what only these re-exports name
 * (cognitoAccessTokens and aws-jwt-verify load on the first signed-in request).
 */

export { type AccessTokenVerifier, accessTokenVerifier } from "./access-token.ts";
export { cognitoAccessTokens } from "./cognito-access-tokens.ts";
export { createApp } from "./create-app.ts";
export type { ApiDeps } from "./deps.ts";
export { apiGatewayClientIp, type ClientIp } from "./magic-links/client-ip.ts";
