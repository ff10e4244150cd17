import { HttpMethod } from "aws-cdk-lib/aws-apigatewayv2";

/**
 * The api's routes (DESIGN.md, HTTP API), declared one by one so that anything else is answered by
 * API Gateway with a 404 and never invokes the function.
 */
export const apiRoutes: ReadonlyArray<{ method: HttpMethod; path: string }> = [
  { method: HttpMethod.GET, path: "/health" },
  { method: HttpMethod.GET, path: "/passkeys" },
  { method: HttpMethod.PATCH, path: "/passkeys/{credentialId}" },
  { method: HttpMethod.DELETE, path: "/passkeys/{credentialId}" },
  { method: HttpMethod.POST, path: "/passkeys/registration/options" },
  { method: HttpMethod.POST, path: "/passkeys/registration/verify" },
  { method: HttpMethod.POST, path: "/passkeys/authentication/options" },
  { method: HttpMethod.POST, path: "/magic-links" },
];

/** The route that sends email; it gets its own, stricter throttle. */
export const magicLinkRouteKey = "POST /magic-links";
