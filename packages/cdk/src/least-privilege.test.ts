import {
  actionsOf,
  bundleSources,
  createTestApp,
  resourcesOf,
  roleOf,
  roleStatements,
  type Statement,
  type SynthesizedStack,
  sdkCallsIn,
} from "@latchkey/testkit/cdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const testApp = createTestApp();
let synth: SynthesizedStack;
let api: { id: string; role: string; statements: Statement[]; sources: string[] };
let triggers: typeof api;

beforeAll(() => {
  synth = testApp.synth("LeastPrivilege");
  const describeFunction = (fn: typeof synth.latchkey.apiFunction) => {
    const id = synth.logicalId(fn);
    const role = roleOf(synth.json.Resources, id);
    return {
      id,
      role,
      statements: roleStatements(synth.json.Resources, role),
      sources: bundleSources(synth.assetDir(id)),
    };
  };
  api = describeFunction(synth.latchkey.apiFunction);
  triggers = describeFunction(synth.latchkey.triggerFunction);
});
afterAll(() => testApp.cleanup());

const resourcesOfType = (type: string) => Object.values(synth.json.Resources).filter((r) => r.Type === type);
const actionsGranted = (statements: Statement[], prefix?: string) =>
  statements
    .flatMap(actionsOf)
    .filter((action) => !prefix || action.startsWith(`${prefix}:`))
    .sort();
const arnOf = (construct: Parameters<SynthesizedStack["logicalId"]>[0]) => ({
  "Fn::GetAtt": [synth.logicalId(construct), "Arn"],
});
const ends = (path: string) => (source: string) => source.endsWith(path);

describe("IAM", () => {
  it("grants no wildcard action anywhere, and attaches no managed policy", () => {
    const statements = resourcesOfType("AWS::IAM::Policy").flatMap(
      (policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      for (const action of actionsOf(statement)) expect(action).not.toContain("*");
    }
    for (const role of resourcesOfType("AWS::IAM::Role")) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.Policies).toBeUndefined();
    }
  });

  it("lets each function make exactly the AWS calls its deployed code makes", () => {
    // Read from the deployed bundles' source maps: every SDK command our modules in them import.
    const apiCalls = sdkCallsIn(api.sources);
    const triggerCalls = sdkCallsIn(triggers.sources);
    // Both bundles hold core's KMS signer, which can sign and verify; the api only signs links and the
    // triggers only verify them (checked below), and verifying needs the public key, not kms:Sign.
    apiCalls.delete("kms:GetPublicKey");
    triggerCalls.delete("kms:Sign");
    // An action may be granted by several statements, each on its own resources (ses:SendEmail is).
    const notLogs = (statements: Statement[]) => [
      ...new Set(actionsGranted(statements).filter((a) => !a.startsWith("logs:"))),
    ];
    expect(notLogs(api.statements)).toEqual([...apiCalls].sort());
    expect(notLogs(triggers.statements)).toEqual([...triggerCalls].sort());
  });

  it("splits link signing and verifying between the api and the triggers", () => {
    expect(api.sources.some(ends("core/src/magic-links/sign-magic-link-token.ts"))).toBe(true);
    expect(api.sources.some(ends("core/src/magic-links/verify-magic-link-token.ts"))).toBe(false);
    expect(triggers.sources.some(ends("core/src/magic-links/verify-magic-link-token.ts"))).toBe(true);
    expect(triggers.sources.some(ends("core/src/magic-links/sign-magic-link-token.ts"))).toBe(false);
  });

  it("limits table access to this table and its user index", () => {
    const table = arnOf(synth.latchkey.table);
    const index = { "Fn::Join": ["", [table, "/index/gsi1"]] };
    for (const statement of [...api.statements, ...triggers.statements]) {
      if (!actionsOf(statement).some((action) => action.startsWith("dynamodb:"))) continue;
      expect(actionsOf(statement).every((action) => action.startsWith("dynamodb:"))).toBe(true);
      const allowed = actionsOf(statement).includes("dynamodb:Query") ? [table, index] : [table];
      expect(allowed).toEqual(expect.arrayContaining(resourcesOf(statement)));
    }
  });

  it("lets only the api sign with the link key; the triggers may only read its public key", () => {
    const key = arnOf(synth.latchkey.linkSigningKey);
    expect(api.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("kms:")))).toEqual([
      { Effect: "Allow", Action: "kms:Sign", Resource: key },
    ]);
    expect(triggers.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("kms:")))).toEqual([
      { Effect: "Allow", Action: "kms:GetPublicKey", Resource: key },
    ]);
  });

  it("lets only the api call Cognito: the two admin actions of the user directory, on this pool", () => {
    expect(actionsGranted(api.statements, "cognito-idp")).toEqual([
      "cognito-idp:AdminCreateUser",
      "cognito-idp:AdminGetUser",
    ]);
    // GetUser, which checks an access token with the pool, is authorized by that token, not by IAM.
    expect(sdkCallsIn(api.sources, { tokenAuthorized: true })).toContain("cognito-idp:GetUser");
    const cognito = api.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("cognito-idp:")));
    expect(cognito.flatMap(resourcesOf)).toEqual([arnOf(synth.latchkey.userPool)]);
    expect(actionsGranted(triggers.statements, "cognito-idp")).toEqual([]);
  });

  it("lets only the api send email, from the sender address only, with its own configuration set only", () => {
    const identity = (name: string) => ({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:ses:eu-west-1:111111111111:identity/${name}`]],
    });
    const configurationSet = {
      "Fn::Join": [
        "",
        [
          "arn:",
          { Ref: "AWS::Partition" },
          ":ses:eu-west-1:111111111111:configuration-set/",
          { Ref: synth.logicalId(synth.latchkey.emailConfigurationSet) },
        ],
      ],
    };
    expect(api.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("ses:")))).toEqual([
      {
        Effect: "Allow",
        Action: "ses:SendEmail",
        Resource: [identity("no-reply@mail.example.com"), identity("mail.example.com")],
        Condition: { StringEquals: { "ses:FromAddress": "no-reply@mail.example.com" } },
      },
      // SES authorizes a send that names a configuration set against the set as well.
      { Effect: "Allow", Action: "ses:SendEmail", Resource: configurationSet },
    ]);
    expect(actionsGranted(triggers.statements, "ses")).toEqual([]);
  });

  it("lets only the api send texts, from its own account's identities and opt-out lists, in its Region", () => {
    const smsArn = (resource: string) => ({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:sms-voice:eu-west-1:111111111111:${resource}`]],
    });
    expect(api.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("sms-voice:")))).toEqual([
      {
        Effect: "Allow",
        Action: "sms-voice:SendTextMessage",
        Resource: ["phone-number/*", "sender-id/*", "pool/*", "opt-out-list/*"].map(smsArn),
      },
    ]);
    expect(actionsGranted(triggers.statements, "sms-voice")).toEqual([]);
  });

  it("lets each function write its own log group only", () => {
    for (const fn of [api, triggers]) {
      const config = synth.json.Resources[fn.id]?.Properties?.LoggingConfig as
        | { LogGroup: { Ref: string } }
        | undefined;
      const logGroup = config?.LogGroup.Ref;
      const logs = fn.statements.filter((s) => actionsOf(s).some((a) => a.startsWith("logs:")));
      expect(logs.flatMap(actionsOf).sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
      expect(logs.flatMap(resourcesOf)).toEqual([{ "Fn::GetAtt": [logGroup, "Arn"] }]);
    }
  });

  it("keeps the key policy to the account's own administration; no grant goes through it", () => {
    const keyPolicy = synth.json.Resources[synth.logicalId(synth.latchkey.linkSigningKey)]?.Properties?.KeyPolicy as {
      Statement: Statement[];
    };
    expect(keyPolicy.Statement).toEqual([
      {
        Effect: "Allow",
        Action: "kms:*",
        Principal: { AWS: { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::111111111111:root"]] } },
        Resource: "*",
      },
    ]);
  });
});

describe("invocation", () => {
  it("lets only Cognito, for this pool, invoke the triggers, and only this HTTP API invoke the api", () => {
    const permissions = resourcesOfType("AWS::Lambda::Permission").map((p) => p.Properties ?? {});
    const target = (id: string) => permissions.filter((p) => JSON.stringify(p.FunctionName).includes(id));
    expect(target(triggers.id)).toEqual([
      expect.objectContaining({
        Principal: "cognito-idp.amazonaws.com",
        SourceArn: arnOf(synth.latchkey.userPool),
      }),
    ]);
    const apiPermissions = target(api.id);
    expect(apiPermissions.length).toBeGreaterThan(0);
    for (const permission of apiPermissions) {
      expect(permission.Principal).toBe("apigateway.amazonaws.com");
      expect(JSON.stringify(permission.SourceArn)).toContain(`{"Ref":"${synth.logicalId(synth.latchkey.httpApi)}"}`);
    }
  });
});
