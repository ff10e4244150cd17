import { linkItemKey, passkeyItemKey, tableSchema, userPartition } from "@latchkey/core";
import { parseAdminConfig } from "@latchkey/core/admin";
import { adminRoutes } from "@latchkey/protocol";
import type { RemovalPolicy } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpIamAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { IUserPool } from "aws-cdk-lib/aws-cognito";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Grant, type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";

/** The admin API's routes from the protocol's table, in API Gateway's syntax (`{name}` path parameters). */
export const adminApiRoutes: ReadonlyArray<{ method: HttpMethod; path: string }> = Object.values(adminRoutes).map(
  ({ method, path }) => ({ method: HttpMethod[method], path: path.replace(/:(\w+)/g, "{$1}") }),
);

/**
 * The admin function's environment: the pool and the table, nothing secret (it signs and checks
 * nothing), run through core's parser so a bad value fails `cdk synth`.
 */
export function adminEnvironment(names: { region: string; userPoolId: string; tableName: string }) {
  const env = {
    LATCHKEY_REGION: names.region,
    LATCHKEY_USER_POOL_ID: names.userPoolId,
    LATCHKEY_TABLE_NAME: names.tableName,
    NODE_OPTIONS: "--enable-source-maps",
  };
  parseAdminConfig(env);
  return env;
}

/**
 * Exactly the calls the admin code makes, on the keys it makes them on: its DynamoDB reads, writes and
 * its query of the table only on a user's partition (USER#...: the passkey count, texted codes, and
 * where the user's links are kept), its revoking of links on an address's link item (ADDRESS#...),
 * and, to delete a passkey, the passkey's own (PASSKEY#...); its query of the user index, which
 * lists passkeys by user; AdminGetUser and AdminUserGlobalSignOut on this pool.
 * (dynamodb:LeadingKeys is the partition key of the table's items; the index, which the admin only
 * reads, is granted as a whole.)
 */
export function grantAdminFunction(grantee: IGrantable, table: ITable, userPool: IUserPool) {
  const leadingKeys = (...prefixes: string[]) => ({ "ForAllValues:StringLike": { "dynamodb:LeadingKeys": prefixes } });
  const users = userPartition("*");
  const passkeys = passkeyItemKey("*")[tableSchema.partitionKey]?.S as string;
  const addresses = linkItemKey({ addressHash: "*" })[tableSchema.partitionKey]?.S as string;
  const principal = grantee.grantPrincipal;
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["dynamodb:GetItem", "dynamodb:Query"],
      resources: [table.tableArn],
      conditions: leadingKeys(users),
    }),
  );
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["dynamodb:UpdateItem"],
      resources: [table.tableArn],
      conditions: leadingKeys(users, addresses),
    }),
  );
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["dynamodb:DeleteItem"],
      resources: [table.tableArn],
      conditions: leadingKeys(users, passkeys),
    }),
  );
  principal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ["dynamodb:Query"],
      resources: [`${table.tableArn}/index/${tableSchema.userIndex.name}`],
    }),
  );
  userPool.grant(grantee, "cognito-idp:AdminGetUser", "cognito-idp:AdminUserGlobalSignOut");
}

/** HTTP API variables only, with who called: the IAM principal, or why the authorizer refused. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    time: "$context.requestTime",
    ip: "$context.identity.sourceIp",
    caller: "$context.identity.userArn",
    route: "$context.routeKey",
    status: "$context.status",
    authorizerError: "$context.authorizer.error",
    integrationError: "$context.integrationErrorMessage",
  }),
);

export interface AdminApiOptions {
  handler: IFunction;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The admin API: an HTTP API of its own in front of the admin function, every route behind the
 * AWS_IAM authorizer (SigV4, execute-api:Invoke), no CORS (no browser calls it), a low throttle, and
 * access logs that name the IAM caller. Anything else is API Gateway's 404; nothing reaches the
 * function unsigned.
 */
export function createAdminApi(scope: Construct, options: AdminApiOptions): { api: HttpApi; stage: HttpStage } {
  const api = new HttpApi(scope, "AdminHttpApi", {
    description: "Latchkey admin API: support staff's calls, IAM-authorized",
    createDefaultStage: false,
  });
  const integration = new HttpLambdaIntegration("Admin", options.handler);
  const authorizer = new HttpIamAuthorizer();
  for (const { method, path } of adminApiRoutes) api.addRoutes({ path, methods: [method], integration, authorizer });
  const accessLogs = new LogGroup(scope, "AdminHttpApiAccessLogs", {
    retention: options.logRetention,
    removalPolicy: options.removalPolicy,
  });
  const stage = api.addStage("AdminStage", {
    stageName: "$default",
    autoDeploy: true,
    throttle: { rateLimit: 10, burstLimit: 20 },
    accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
  });
  return { api, stage };
}

/** execute-api:Invoke on every admin route (and no other API's), for a support role or user. */
export function grantAdminInvoke(api: HttpApi, grantee: IGrantable): Grant {
  return Grant.addToPrincipal({
    grantee,
    actions: ["execute-api:Invoke"],
    resourceArns: [api.arnForExecuteApi("*", "/admin/*", "*")],
  });
}
