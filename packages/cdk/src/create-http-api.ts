import { Duration, type RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { apiRoutes, emailRouteKeys, smsCodeRouteKey } from "./api-routes.ts";

export interface HttpApiOptions {
  handler: IFunction;
  /** Checks the access token of every route that takes one (see accessTokenAuthorizer). */
  authorizer: IHttpRouteAuthorizer;
  allowedOrigins: string[];
  throttle: ThrottleSettings;
  magicLinkThrottle: ThrottleSettings;
  smsCodeThrottle: ThrottleSettings;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/** HTTP API variables only: one JSON line per request, without bodies or tokens. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    time: "$context.requestTime",
    ip: "$context.identity.sourceIp",
    route: "$context.routeKey",
    status: "$context.status",
    latencyMs: "$context.responseLatency",
    integrationError: "$context.integrationErrorMessage",
  }),
);

/**
 * Cognito puts this scope in every access token of a user-pool sign-in and in no ID token, which has the
 * same issuer and the client as its audience: requiring it lets access tokens alone through.
 */
const ACCESS_TOKEN_SCOPE = "aws.cognito.signin.user.admin";

/**
 * The HTTP API in front of the api function: its routes only, CORS for the app origins, throttled, and
 * the routes that take an access token behind the JWT authorizer. There is no OPTIONS, ANY or $default
 * route: API Gateway answers CORS preflights from the CORS configuration, before any route or authorizer.
 */
export function createHttpApi(scope: Construct, options: HttpApiOptions): { api: HttpApi; stage: HttpStage } {
  const api = new HttpApi(scope, "HttpApi", {
    description: "Latchkey: passkeys and magic links for Cognito",
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: options.allowedOrigins,
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
      allowHeaders: ["authorization", "content-type"],
      exposeHeaders: ["retry-after"],
      maxAge: Duration.minutes(10),
    },
  });
  const integration = new HttpLambdaIntegration("Api", options.handler);
  const routes = apiRoutes.flatMap(({ method, path, auth }) =>
    api.addRoutes({
      path,
      methods: [method],
      integration,
      ...(auth !== "public" && { authorizer: options.authorizer, authorizationScopes: [ACCESS_TOKEN_SCOPE] }),
    }),
  );

  const accessLogs = new LogGroup(scope, "HttpApiAccessLogs", {
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const stage = api.addStage("DefaultStage", {
    stageName: "$default",
    autoDeploy: true,
    throttle: options.throttle,
    accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
  });
  // Sending email or texts costs money and can be abused to flood an inbox or a phone: those routes get
  // tighter limits.
  const emailThrottle = {
    ThrottlingRateLimit: options.magicLinkThrottle.rateLimit,
    ThrottlingBurstLimit: options.magicLinkThrottle.burstLimit,
  };
  (stage.node.defaultChild as CfnStage).addPropertyOverride("RouteSettings", {
    ...Object.fromEntries(emailRouteKeys.map((key) => [key, emailThrottle])),
    [smsCodeRouteKey]: {
      ThrottlingRateLimit: options.smsCodeThrottle.rateLimit,
      ThrottlingBurstLimit: options.smsCodeThrottle.burstLimit,
    },
  });
  // Route settings name a route key, which must exist before the stage is updated.
  for (const route of routes) stage.node.addDependency(route);
  return { api, stage };
}
