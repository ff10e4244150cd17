import { type RouteAuth, routes } from "@latchkey/protocol";
import { HttpMethod } from "aws-cdk-lib/aws-apigatewayv2";

/**
 * The api's routes from the protocol's table, in API Gateway's syntax (`{name}` path parameters), declared
 * one by one so that anything else is answered by API Gateway with a 404 and never invokes the function.
 * `auth` says whether the route takes an access token (anything but "public").
 */
export const apiRoutes: ReadonlyArray<{ method: HttpMethod; path: string; auth: RouteAuth }> = Object.values(
  routes,
).map(({ method, path, auth }) => ({ method: HttpMethod[method], path: path.replace(/:(\w+)/g, "{$1}"), auth }));

/** The routes that send email; they get their own, stricter throttle. */
export const emailRouteKeys = [routes.requestMagicLink, routes.requestStepUpCode].map(
  ({ method, path }) => `${method} ${path}`,
);

/** The route that sends texts, each of which costs money; its own throttle too. */
export const smsCodeRouteKey = `${routes.requestSmsCode.method} ${routes.requestSmsCode.path}`;
