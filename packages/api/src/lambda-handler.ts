import { getConfig } from "@latchkey/core";
import { handle } from "hono/aws-lambda";
import { cognitoAccessTokens } from "./access-token.ts";
import { createApp } from "./app.ts";
import { createDeps } from "./create-deps.ts";
import type { ApiDeps } from "./deps.ts";
import { apiGatewayClientIp } from "./magic-links/client-ip.ts";

/** The emails a deployment may word its own way; each one not given is the built-in template. */
export type EmailTemplates = Pick<ApiDeps, "magicLinkEmail" | "stepUpEmail" | "passkeyNoticeEmail">;

/**
 * The api's Lambda handler for API Gateway, its dependencies built once per cold start. The CDK
 * construct's `email.templates` module is passed in by the entry it bundles.
 */
export function lambdaHandler(templates: EmailTemplates = {}) {
  const config = getConfig();
  const deps = createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp });
  return handle(createApp({ ...deps, ...templates }));
}
