import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type AdminDeps, createAdminApp } from "@latchkey/api/admin";
import {
  actionsOf,
  bundleSources,
  createTestApp,
  roleOf,
  roleStatements,
  type Statement,
  type SynthesizedStack,
  sdkCallsIn,
  testProps,
} from "@latchkey/testkit/cdk";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApiRoutes } from "./admin-api.ts";
import { Latchkey } from "./latchkey.ts";

const testApp = createTestApp();
let synth: SynthesizedStack;
let ids: { admin: string; api: string; triggers: string; adminApi: string; publicApi: string; support: string };

beforeAll(() => {
  let support: Role | undefined;
  synth = testApp.synth("Admin", (stack) => {
    const latchkey = new Latchkey(stack, "Latchkey", testProps);
    support = new Role(stack, "Support", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") });
    latchkey.grantAdminApi(support);
    return latchkey;
  });
  ids = {
    admin: synth.logicalId(synth.latchkey.adminFunction),
    api: synth.logicalId(synth.latchkey.apiFunction),
    triggers: synth.logicalId(synth.latchkey.triggerFunction),
    adminApi: synth.logicalId(synth.latchkey.adminApi),
    publicApi: synth.logicalId(synth.latchkey.httpApi),
    support: synth.logicalId(support as Role),
  };
});
afterAll(() => testApp.cleanup());

const ofType = (type: string) => Object.values(synth.json.Resources).filter((r) => r.Type === type);
const onApi = (apiLogicalId: string) => (r: { Properties?: Record<string, unknown> }) =>
  JSON.stringify(r.Properties?.ApiId) === JSON.stringify({ Ref: apiLogicalId });
const statementsOf = (functionId: string) =>
  roleStatements(synth.json.Resources, roleOf(synth.json.Resources, functionId));
const notLogs = (statements: Statement[]) =>
  statements.filter((s) => !actionsOf(s).every((action) => action.startsWith("logs:")));
const tableArn = () => ({ "Fn::GetAtt": [synth.logicalId(synth.latchkey.table), "Arn"] });
const poolArn = () => ({ "Fn::GetAtt": [synth.logicalId(synth.latchkey.userPool), "Arn"] });

describe("the admin API in API Gateway", () => {
  it("is an HTTP API of its own, without CORS, routing exactly the admin routes, each behind AWS_IAM", () => {
    const adminRoutes = ofType("AWS::ApiGatewayV2::Route").filter(onApi(ids.adminApi));
    expect(adminRoutes.map((r) => r.Properties?.RouteKey).sort()).toEqual(
      [
        "DELETE /admin/users/{username}/passkeys",
        "DELETE /admin/users/{username}/passkeys/{credentialId}",
        "DELETE /admin/users/{username}/sign-ins",
        "GET /admin/users",
        "GET /admin/users/{username}",
        "GET /admin/users/{username}/passkeys",
        "POST /admin/users/{username}/sign-out",
      ].sort(),
    );
    for (const route of adminRoutes) expect(route.Properties?.AuthorizationType).toBe("AWS_IAM");
    const api = synth.json.Resources[ids.adminApi]?.Properties ?? {};
    expect(api.ProtocolType).toBe("HTTP");
    expect(api.CorsConfiguration).toBeUndefined();
    const integrations = ofType("AWS::ApiGatewayV2::Integration").filter(onApi(ids.adminApi));
    expect(integrations.map((i) => i.Properties?.IntegrationUri)).toEqual([{ "Fn::GetAtt": [ids.admin, "Arn"] }]);
  });

  it("declares exactly the routes the admin app serves", () => {
    // Only the route table is read: no handler runs.
    const app = createAdminApp({} as AdminDeps);
    const served = app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    expect([...new Set(served)].sort()).toEqual(adminApiRoutes.map(({ method, path }) => `${method} ${path}`).sort());
  });

  it("leaves the public HTTP API without admin routes, and its routes as they were", () => {
    const publicRoutes = ofType("AWS::ApiGatewayV2::Route").filter(onApi(ids.publicApi));
    expect(publicRoutes.map((r) => r.Properties?.RouteKey).filter((key) => String(key).includes("/admin"))).toEqual([]);
    for (const route of publicRoutes) expect(route.Properties?.AuthorizationType).not.toBe("AWS_IAM");
  });

  it("throttles its stage and logs each request with its IAM caller", () => {
    const stage = ofType("AWS::ApiGatewayV2::Stage").find(onApi(ids.adminApi))?.Properties ?? {};
    expect(stage).toMatchObject({
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
    const format = JSON.parse((stage.AccessLogSettings as { Format: string }).Format);
    expect(format).toMatchObject({ caller: "$context.identity.userArn", authorizerError: "$context.authorizer.error" });
  });

  it("may invoke the admin function, and only it: the public HTTP API may not", () => {
    const permissions = ofType("AWS::Lambda::Permission").map((p) => p.Properties ?? {});
    const forAdmin = permissions.filter((p) => JSON.stringify(p.FunctionName).includes(ids.admin));
    expect(forAdmin.length).toBeGreaterThan(0);
    for (const permission of forAdmin) {
      expect(permission.Principal).toBe("apigateway.amazonaws.com");
      expect(JSON.stringify(permission.SourceArn)).toContain(`{"Ref":"${ids.adminApi}"}`);
    }
    const forPublic = permissions.filter((p) => JSON.stringify(p.FunctionName).includes(ids.api));
    for (const permission of forPublic) expect(JSON.stringify(permission.SourceArn)).not.toContain(ids.adminApi);
  });

  it("is output for support tooling", () => {
    const output = Object.entries(synth.json.Outputs ?? {}).find(([id]) => id.startsWith("LatchkeyAdminApiUrl"));
    expect(JSON.stringify(output?.[1].Value)).toContain(ids.adminApi);
  });
});

describe("the admin function", () => {
  it("may make exactly its code's calls, on the keys it makes them on: nothing else", () => {
    const users = { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["USER#*"] } };
    expect(notLogs(statementsOf(ids.admin))).toEqual([
      { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: tableArn(), Condition: users },
      {
        Effect: "Allow",
        Action: "dynamodb:UpdateItem",
        Resource: tableArn(),
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["USER#*", "ADDRESS#*"] } },
      },
      {
        Effect: "Allow",
        Action: "dynamodb:DeleteItem",
        Resource: tableArn(),
        Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["USER#*", "PASSKEY#*"] } },
      },
      { Effect: "Allow", Action: "dynamodb:Query", Resource: { "Fn::Join": ["", [tableArn(), "/index/gsi1"]] } },
      {
        Effect: "Allow",
        Action: ["cognito-idp:AdminGetUser", "cognito-idp:AdminUserGlobalSignOut"],
        Resource: poolArn(),
      },
      // Its changes go to the audit events' bus, the account's default one here (see audit-events.test.ts).
      { Effect: "Allow", Action: "events:PutEvents", Resource: expect.anything() },
    ]);
  });

  it("is granted what its deployed code calls, read from its bundle, and logs to its own group only", () => {
    const calls = sdkCallsIn(bundleSources(synth.assetDir(ids.admin)));
    const granted = statementsOf(ids.admin).flatMap(actionsOf);
    expect([...new Set(granted.filter((a) => !a.startsWith("logs:")))].sort()).toEqual([...calls].sort());
    expect(granted.filter((a) => a.startsWith("logs:")).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
  });

  it("holds no secret, key or setting beyond the pool, the table and the audit events' bus", () => {
    const environment = synth.json.Resources[ids.admin]?.Properties?.Environment as { Variables: object } | undefined;
    expect(Object.keys(environment?.Variables ?? {}).sort()).toEqual([
      "LATCHKEY_EVENT_BUS",
      "LATCHKEY_REGION",
      "LATCHKEY_TABLE_NAME",
      "LATCHKEY_USER_POOL_ID",
      "NODE_OPTIONS",
    ]);
  });

  it("is built from the admin entry alone (no public api, test support or local stack), and no other function holds admin code", () => {
    const admin = bundleSources(synth.assetDir(ids.admin));
    expect(admin.some((s) => s.endsWith("packages/api/src/admin/lambda.ts"))).toBe(true);
    expect(admin.some((s) => s.endsWith("packages/api/src/app.ts"))).toBe(false);
    expect(admin.filter((s) => /\/packages\/(testkit|local)\/|\.test\.ts$/.test(s))).toEqual([]);
    const isAdminCode = (s: string) =>
      /\/packages\/(api|core)\/src\/admin\//.test(s) || s.endsWith("/cognito-admin-directory.ts");
    for (const fn of [ids.api, ids.triggers]) {
      expect(bundleSources(synth.assetDir(fn)).filter(isAdminCode)).toEqual([]);
    }
  });

  it("answers a request the IAM authorizer let through, and refuses one without its caller", () => {
    const event = (authorizer: unknown) => ({
      version: "2.0",
      routeKey: "GET /admin/nothing",
      rawPath: "/admin/nothing",
      rawQueryString: "",
      headers: { host: "admin.example.com" },
      requestContext: {
        http: { method: "GET", path: "/admin/nothing", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "t" },
        domainName: "admin.example.com",
        requestId: "r-1",
        routeKey: "GET /admin/nothing",
        stage: "$default",
        ...(authorizer !== undefined && { authorizer }),
      },
      isBase64Encoded: false,
    });
    const iam = { accessKey: "AKID", accountId: "111111111111", userArn: "arn:aws:iam::111111111111:user/support" };
    const index = join(synth.assetDir(ids.admin), "index.mjs");
    const output = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { handler } = await import(${JSON.stringify(index)});
         const answers = [];
         for (const event of ${JSON.stringify([event({ iam }), event(undefined), event({ jwt: { claims: {} } })])}) {
           const response = await handler(event, {});
           answers.push({ statusCode: response.statusCode, code: JSON.parse(response.body).code });
         }
         console.log(JSON.stringify(answers));`,
      ],
      {
        env: {
          PATH: process.env.PATH,
          NODE_NO_WARNINGS: "1",
          LATCHKEY_REGION: "eu-west-1",
          LATCHKEY_USER_POOL_ID: "eu-west-1_Deployed",
          LATCHKEY_TABLE_NAME: "latchkey",
          LATCHKEY_AAGUID_SOURCE: "",
        },
        encoding: "utf8",
      },
    );
    expect(JSON.parse(output.trim().split("\n").at(-1) ?? "null")).toEqual([
      { statusCode: 404, code: "NOT_FOUND" },
      { statusCode: 403, code: "FORBIDDEN" },
      { statusCode: 403, code: "FORBIDDEN" },
    ]);
  });
});

describe("the other functions", () => {
  it("may not sign anyone out: neither the api nor the triggers", () => {
    for (const fn of [ids.api, ids.triggers]) {
      expect(statementsOf(fn).flatMap(actionsOf)).not.toContain("cognito-idp:AdminUserGlobalSignOut");
    }
  });
});

describe("grantAdminApi", () => {
  it("lets a principal invoke the admin API's routes, and nothing else", () => {
    const statements = roleStatements(synth.json.Resources, ids.support);
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: "execute-api:Invoke",
        Resource: {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":execute-api:eu-west-1:111111111111:",
              { Ref: ids.adminApi },
              "/*/*/admin/*",
            ],
          ],
        },
      },
    ]);
  });
});
