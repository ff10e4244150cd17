import type { IHttpRouteAuthorizer } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";

/**
 * API Gateway's own JWT check of the access token (signature, issuer: the pool, audience: the app
 * client, which Cognito puts in client_id, expiry), so a call without a valid token is refused with
 * 401 before it invokes, and bills, the function. The function still checks the token itself, and with
 * the pool: revocation, a global sign-out, a disabled user and the sign-in's age are not in the JWT.
 */
export function accessTokenAuthorizer(pool: IUserPool, client: IUserPoolClient): IHttpRouteAuthorizer {
  return new HttpUserPoolAuthorizer("AccessToken", pool, {
    userPoolClients: [client],
    identitySource: ["$request.header.Authorization"],
  });
}
