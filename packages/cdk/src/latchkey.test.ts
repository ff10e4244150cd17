import { ConfigError, parseConfig, tableSchema } from "@latchkey/core";
import { createTestApp, findCycle, type SynthesizedStack, testProps } from "@latchkey/testkit/cdk";
import { Match } from "aws-cdk-lib/assertions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRoutes, smsCodeRouteKey } from "./api-routes.ts";

const testApp = createTestApp();
let synth: SynthesizedStack;
let apiId: string;
let triggersId: string;

beforeAll(() => {
  synth = testApp.synth("Resources");
  apiId = synth.logicalId(synth.latchkey.apiFunction);
  triggersId = synth.logicalId(synth.latchkey.triggerFunction);
});
afterAll(() => testApp.cleanup());

const props = (logicalId: string) => synth.json.Resources[logicalId]?.Properties ?? {};
const envOf = (logicalId: string) => (props(logicalId).Environment as { Variables: Record<string, unknown> }).Variables;

/** The variables core's parser cannot do without, found by asking it, one missing name at a time. */
function requiredVariables(): string[] {
  const env: Record<string, string> = {};
  for (;;) {
    try {
      parseConfig(env);
      return Object.keys(env);
    } catch (error) {
      const name = error instanceof ConfigError ? /^(LATCHKEY_\w+) is required$/.exec(error.message)?.[1] : undefined;
      if (!name) throw error;
      env[name] = Buffer.alloc(32, 7).toString("base64");
    }
  }
}

describe("table", () => {
  it("has core's key schema, the user index, on-demand billing, PITR, TTL and encryption", () => {
    synth.template.resourceCountIs("AWS::DynamoDB::Table", 1);
    synth.template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: "HASH" },
        { AttributeName: tableSchema.sortKey, KeyType: "RANGE" },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: tableSchema.partitionKey, AttributeType: "S" },
        { AttributeName: tableSchema.sortKey, AttributeType: "S" },
      ]),
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: tableSchema.userIndex.name,
          KeySchema: [
            { AttributeName: tableSchema.userIndex.partitionKey, KeyType: "HASH" },
            { AttributeName: tableSchema.userIndex.sortKey, KeyType: "RANGE" },
          ],
        }),
      ],
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });
});

describe("functions", () => {
  it("run Node 24 on arm64, from the esbuild bundle's index.mjs, with JSON logs", () => {
    for (const id of [apiId, triggersId]) {
      expect(props(id)).toMatchObject({
        Runtime: "nodejs24.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
        LoggingConfig: { LogFormat: "JSON" },
      });
    }
    expect(props(triggersId).Timeout).toBeLessThanOrEqual(5);
  });

  it("each log to their own group with a retention", () => {
    for (const id of [apiId, triggersId]) {
      const logGroup = (props(id).LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(props(logGroup).RetentionInDays).toBe(30);
    }
  });

  it("get every variable core requires, and the same config", () => {
    const required = requiredVariables();
    expect(required).toContain("LATCHKEY_CHALLENGE_SECRET");
    for (const id of [apiId, triggersId]) expect(Object.keys(envOf(id))).toEqual(expect.arrayContaining(required));
    expect(envOf(apiId)).toEqual(envOf(triggersId));
  });

  it("point the config at the deployed pool, client, table and key", () => {
    const { latchkey } = synth;
    expect(envOf(apiId)).toMatchObject({
      LATCHKEY_REGION: "eu-west-1",
      LATCHKEY_USER_POOL_ID: { Ref: synth.logicalId(latchkey.userPool) },
      LATCHKEY_CLIENT_IDS: { Ref: synth.logicalId(latchkey.userPoolClient) },
      LATCHKEY_TABLE_NAME: { Ref: synth.logicalId(latchkey.table) },
      LATCHKEY_KMS_KEY_ID: { "Fn::GetAtt": [synth.logicalId(latchkey.linkSigningKey), "Arn"] },
    });
  });

  it("pass the props through as core's settings", () => {
    expect(envOf(apiId)).toMatchObject({
      LATCHKEY_ALLOWED_ORIGINS: "https://app.example.com,https://admin.example.com",
      LATCHKEY_RP_IDS: "example.com",
      LATCHKEY_USER_VERIFICATION: "required",
      LATCHKEY_RESIDENT_KEY: "required",
      LATCHKEY_ATTESTATION: "none",
      LATCHKEY_MAX_PASSKEYS_PER_USER: "10",
      LATCHKEY_RECENT_SIGN_IN_SECONDS: "300",
      LATCHKEY_PASSKEY_NOTICES: "false",
      LATCHKEY_SENDER_ADDRESS: "Example <no-reply@mail.example.com>",
      LATCHKEY_REDIRECT_ALLOWLIST: "https://app.example.com/signed-in",
      LATCHKEY_LINK_EXPIRY_SECONDS: "300",
      LATCHKEY_LINK_BINDING: "same-browser",
      LATCHKEY_LINK_MIN_GAP_SECONDS: "120",
      LATCHKEY_LINK_MAX_PER_ADDRESS_HOURLY: "4",
      LATCHKEY_LINK_MAX_PER_ADDRESS_PER_IP_HOURLY: "2",
      LATCHKEY_LINK_MAX_PER_IP_HOURLY: "50",
      LATCHKEY_CODE_MAX_FAILURES_DAILY: "5",
      LATCHKEY_ALLOW_SIGN_UP: "true",
    });
  });

  it("resolve the challenge key from the generated secret at deploy time; no key is in the template", () => {
    const secretId = synth.logicalId(synth.latchkey.challengeSecret);
    expect(envOf(apiId).LATCHKEY_CHALLENGE_SECRET).toEqual({
      "Fn::Join": ["", ["{{resolve:secretsmanager:", { Ref: secretId }, ":SecretString:::}}"]],
    });
    // Long enough for core's 32-byte minimum, and base64 characters only.
    expect(props(secretId).GenerateSecretString).toEqual({
      PasswordLength: 64,
      ExcludePunctuation: true,
      IncludeSpace: false,
    });
    expect(props(secretId).SecretString).toBeUndefined();
  });
});

describe("user pool", () => {
  it("is created with email as the username attribute and no public sign-up", () => {
    synth.template.resourceCountIs("AWS::Cognito::UserPool", 1);
    synth.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UsernameAttributes: ["email"],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it("keeps a user's verified email until a new one is verified, so nobody holds an address they never proved", () => {
    synth.template.hasResourceProperties("AWS::Cognito::UserPool", {
      AutoVerifiedAttributes: ["email"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email"] },
    });
  });

  it("has the trigger function as its Define, Create and Verify auth challenge and V2_0 pre token generation triggers", () => {
    const lambdaConfig = props(synth.logicalId(synth.latchkey.userPool)).LambdaConfig as Record<string, unknown>;
    expect(Object.keys(lambdaConfig).sort()).toEqual([
      "CreateAuthChallenge",
      "DefineAuthChallenge",
      "PreTokenGenerationConfig",
      "VerifyAuthChallengeResponse",
    ]);
    const functionName = props(triggersId).FunctionName as string;
    const arn = {
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:lambda:eu-west-1:111111111111:function:${functionName}`]],
    };
    const { PreTokenGenerationConfig, ...challenges } = lambdaConfig;
    for (const value of Object.values(challenges)) expect(value).toEqual(arn);
    expect(PreTokenGenerationConfig).toEqual({ LambdaArn: arn, LambdaVersion: "V2_0" });
  });

  it("states a strong password policy, though nobody signs in with a password", () => {
    // Users are made by AdminCreateUser and sign in by CUSTOM_AUTH only: a password exists, if at all,
    // as Cognito's random temporary one, which the app client has no flow to use.
    synth.template.hasResourceProperties("AWS::Cognito::UserPool", {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 16,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it("is on the Essentials feature plan, which V2_0 pre token generation needs", () => {
    synth.template.hasResourceProperties("AWS::Cognito::UserPool", { UserPoolTier: "ESSENTIALS" });
  });

  it("may invoke the trigger function, and only from this pool", () => {
    synth.template.hasResourceProperties("AWS::Lambda::Permission", {
      Action: "lambda:InvokeFunction",
      FunctionName: { "Fn::GetAtt": [triggersId, "Arn"] },
      Principal: "cognito-idp.amazonaws.com",
      SourceArn: { "Fn::GetAtt": [synth.logicalId(synth.latchkey.userPool), "Arn"] },
      SourceAccount: "111111111111",
    });
  });

  it("has a public client for CUSTOM_AUTH and refresh only, hiding whether users exist", () => {
    synth.template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      GenerateSecret: false,
      PreventUserExistenceErrors: "ENABLED",
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it("lets the app client write every standard attribute but the verification flags", () => {
    const client = props(synth.logicalId(synth.latchkey.userPoolClient));
    const standard = [
      "address",
      "birthdate",
      "email",
      "family_name",
      "gender",
      "given_name",
      "locale",
      "middle_name",
      "name",
      "nickname",
      "phone_number",
      "picture",
      "preferred_username",
      "profile",
      "updated_at",
      "website",
      "zoneinfo",
    ];
    expect(client.WriteAttributes).toEqual(standard);
    expect(client.ReadAttributes).toBeUndefined();
  });
});

describe("link signing key", () => {
  it("is an asymmetric P-256 signing key", () => {
    synth.template.hasResourceProperties("AWS::KMS::Key", { KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" });
  });
});

describe("HTTP API", () => {
  it("allows CORS from the allowed origins only", () => {
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "HTTP",
      CorsConfiguration: {
        AllowOrigins: testProps.allowedOrigins,
        AllowHeaders: ["authorization", "content-type"],
        AllowMethods: ["GET", "POST", "PATCH", "DELETE"],
        MaxAge: 600,
      },
    });
  });

  it("routes exactly the api's routes to the api function, payload 2.0", () => {
    // The admin API is another HTTP API, with routes of its own (admin-api.test.ts).
    const onHttpApi = (r: { Properties?: Record<string, unknown> }) =>
      JSON.stringify(r.Properties?.ApiId) === JSON.stringify({ Ref: synth.logicalId(synth.latchkey.httpApi) });
    const ofHttpApi = (type: string) =>
      Object.values(synth.json.Resources).filter((r) => r.Type === type && onHttpApi(r));
    expect(
      ofHttpApi("AWS::ApiGatewayV2::Route")
        .map((r) => r.Properties?.RouteKey)
        .sort(),
    ).toEqual(apiRoutes.map(({ method, path }) => `${method} ${path}`).sort());
    expect(ofHttpApi("AWS::ApiGatewayV2::Integration").map((r) => r.Properties)).toEqual([
      expect.objectContaining({
        IntegrationType: "AWS_PROXY",
        IntegrationUri: { "Fn::GetAtt": [apiId, "Arn"] },
        PayloadFormatVersion: "2.0",
      }),
    ]);
  });

  it("checks the access token at the gateway on the routes that need one, and on no other", () => {
    synth.template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
    const [authorizerId] = Object.keys(synth.template.findResources("AWS::ApiGatewayV2::Authorizer"));
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Issuer: {
          "Fn::Join": [
            "",
            ["https://cognito-idp.eu-west-1.amazonaws.com/", { Ref: synth.logicalId(synth.latchkey.userPool) }],
          ],
        },
        Audience: [{ Ref: synth.logicalId(synth.latchkey.userPoolClient) }],
      },
    });
    const routes = Object.values(synth.template.findResources("AWS::ApiGatewayV2::Route"))
      .map((route) => route.Properties as Record<string, unknown>)
      .filter(
        (route) => JSON.stringify(route.ApiId) === JSON.stringify({ Ref: synth.logicalId(synth.latchkey.httpApi) }),
      );
    const authorized = routes.filter((route) => route.AuthorizationType === "JWT");
    expect(authorized.map((route) => route.RouteKey).sort()).toEqual([
      "DELETE /passkeys/{credentialId}",
      "GET /passkeys",
      "GET /passkeys/account",
      "PATCH /passkeys/{credentialId}",
      "POST /passkeys/registration/options",
      "POST /passkeys/registration/verify",
      "POST /step-up/codes",
    ]);
    for (const route of authorized) {
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      // ID tokens carry the same issuer and the client as audience, but no scope: only access tokens pass.
      expect(route.AuthorizationScopes).toEqual(["aws.cognito.signin.user.admin"]);
    }
    const open = routes.filter((route) => route.AuthorizationType !== "JWT");
    expect(open.map((route) => route.RouteKey).sort()).toEqual([
      "GET /.well-known/webauthn",
      "GET /health",
      "POST /magic-links",
      "POST /passkeys/authentication/options",
      "POST /sms-codes",
    ]);
    for (const route of open) expect(route.AuthorizerId).toBeUndefined();
  });

  it("has no OPTIONS route: API Gateway answers CORS preflights itself, before any authorizer", () => {
    const routeKeys = Object.values(synth.template.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties?.RouteKey as string,
    );
    expect(
      routeKeys.filter((key) => key.startsWith("OPTIONS ") || key.startsWith("ANY ") || key === "$default"),
    ).toEqual([]);
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      CorsConfiguration: Match.objectLike({ AllowHeaders: Match.arrayWith(["authorization"]) }),
    });
  });

  it("throttles the stage, and the routes that send email and texts harder", () => {
    synth.template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: {
        "POST /magic-links": { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        "POST /step-up/codes": { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        [smsCodeRouteKey]: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      },
      AccessLogSettings: Match.objectLike({ Format: Match.stringLikeRegexp("\\$context\\.requestId") }),
    });
  });
});

describe("template", () => {
  it("outputs what the client's configure() needs", () => {
    const outputs = Object.entries(synth.json.Outputs ?? {});
    const output = (name: string) => outputs.find(([id]) => id.startsWith(`Latchkey${name}`))?.[1].Value;
    expect(output("Region")).toBe("eu-west-1");
    expect(output("UserPoolId")).toEqual({ Ref: synth.logicalId(synth.latchkey.userPool) });
    expect(output("ClientId")).toEqual({ Ref: synth.logicalId(synth.latchkey.userPoolClient) });
    expect(JSON.stringify(output("ApiUrl"))).toContain(synth.logicalId(synth.latchkey.httpApi));
  });

  it("has no dependency cycle, though the triggers need the pool's ID and the pool names the triggers", () => {
    expect(findCycle(synth.json.Resources)).toBeUndefined();
    // What a plain reference from the pool to the function would have made:
    const withReference = {
      Pool: { Type: "AWS::Cognito::UserPool", Properties: { LambdaConfig: { X: { "Fn::GetAtt": ["Fn", "Arn"] } } } },
      Fn: { Type: "AWS::Lambda::Function", Properties: { Environment: { Variables: { P: { Ref: "Pool" } } } } },
    };
    expect(findCycle(withReference)).toEqual(["Pool", "Fn", "Pool"]);
  });

  it("applies the removal policy to stateful resources", () => {
    for (const type of [
      "AWS::DynamoDB::Table",
      "AWS::KMS::Key",
      "AWS::SecretsManager::Secret",
      "AWS::Cognito::UserPool",
    ]) {
      synth.template.hasResource(type, { DeletionPolicy: "Delete" });
    }
    // The functions' and the HTTP API's log groups too: none is left behind.
    const logGroups = Object.values(synth.template.findResources("AWS::Logs::LogGroup"));
    expect(logGroups.length).toBeGreaterThanOrEqual(3);
    for (const group of logGroups) expect(group.DeletionPolicy).toBe("Delete");
  });
});
