import { getConfig, onFirstCall } from "@latchkey/core";
import { handle } from "hono/aws-lambda";
import { createApp } from "./create-app.ts";
import { createDeps } from "./create-deps.ts";
import type { ApiDeps } from "./deps.ts";
import { apiGatewayClientIp } from "./magic-links/client-ip.ts";

/** The emails a deployment may word its own way; each one not given is the built-in template. */
export type EmailTemplates = Pick<ApiDeps, "magicLinkEmail" | "stepUpEmail" | "passkeyNoticeEmail">;

/**
 * The api's Lambda handler for API Gateway, its dependencies built once per cold start (each on its
 * first use, see createDeps; the access-token verifier on the first signed-in request). The CDK
 * construct's `email.templates` module is passed in by the entry it bundles.
 */
export function lambdaHandler(templates: EmailTemplates = {}) {
  const config = getConfig();
  const accessTokens = onFirstCall(
    async () => (await import("./cognito-access-tokens.ts")).cognitoAccessTokens(config),
    ["verify"],
  );
  const deps = createDeps(config, { accessTokens, clientIp: apiGatewayClientIp });
  return handle(createApp({ ...deps, ...templates }));
}
