import { getConfig } from "@latchkey/core";
import { handle } from "hono/aws-lambda";
import { cognitoAccessTokens } from "./access-token.ts";
import { createApp } from "./app.ts";
import { createDeps } from "./create-deps.ts";
import { apiGatewayClientIp } from "./magic-links/client-ip.ts";

// Built once per cold start and reused by every invocation.
const config = getConfig();
const app = createApp(createDeps(config, { accessTokens: cognitoAccessTokens(config), clientIp: apiGatewayClientIp }));

export const handler = handle(app);
