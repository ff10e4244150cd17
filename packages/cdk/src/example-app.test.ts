import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { afterAll, describe, expect, it } from "vitest";
import { createExampleStack } from "../../../examples/cdk-app/lib/example-stack.ts";
import { apiRoutes } from "./api-routes.ts";

const exampleDir = new URL("../../../examples/cdk-app/", import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), "latchkey-cdk-example-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

interface Template {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, unknown>;
}

it("synthesizes with `cdk synth`, offline and without credentials or Docker", { timeout: 120_000 }, () => {
  // The CLI as a user runs it, from the example's folder, with its cdk.json.
  execFileSync("pnpm", ["exec", "cdk", "synth", "--quiet", "--output", outdir], {
    cwd: exampleDir,
    encoding: "utf8",
    stdio: "pipe",
  });
  const template = JSON.parse(readFileSync(join(outdir, "LatchkeyExample.template.json"), "utf8")) as Template;
  const ofType = (type: string) => Object.values(template.Resources).filter((r) => r.Type === type);

  expect(ofType("AWS::Cognito::UserPool")).toHaveLength(1);
  expect(ofType("AWS::DynamoDB::Table")).toHaveLength(1);
  // The public HTTP API and the admin API.
  expect(ofType("AWS::ApiGatewayV2::Api")).toHaveLength(2);
  const functions = ofType("AWS::Lambda::Function");
  expect(functions.map((f) => f.Properties.Runtime)).toEqual(["nodejs24.x", "nodejs24.x", "nodejs24.x"]);
  for (const fn of functions) {
    const { S3Key } = fn.Properties.Code as { S3Key: string };
    expect(existsSync(join(outdir, `asset.${S3Key.replace(/\.zip$/, "")}`, "index.mjs"))).toBe(true);
  }
  expect(Object.keys(template.Outputs)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^ClientConfig/),
      expect.stringMatching(/^LatchkeyApiUrl/),
      expect.stringMatching(/^LatchkeyAdminApiUrl/),
    ]),
  );
});

/**
 * What cdk-nag's AwsSolutions and Serverless packs report on the example stack that stays as it is, each
 * with the reason (the construct path is under LatchkeyExample/Latchkey). Everything else they report
 * was fixed: the management routes have a JWT authorizer, the runtime is the latest, the pool states a
 * password policy, the alarm topic takes TLS only, the example turns tracing on.
 */
const acknowledged: { path: string; id: string; reason: string }[] = [
  {
    path: "UserPool",
    id: "AwsSolutions-COG2",
    reason:
      "Sign-in is passwordless: a passkey with user verification is possession and a biometric or PIN in one step; Cognito MFA would add a second prompt to every sign-in",
  },
  {
    path: "UserPool",
    id: "AwsSolutions-COG8",
    reason:
      "The Essentials plan is what pre token generation V2_0 needs; Plus (threat protection) costs more per active user, and an operator who wants it passes a pool of their own",
  },
  {
    path: "ChallengeSecret",
    id: "AwsSolutions-SMG4",
    reason:
      "CloudFormation resolves the key into the functions' environment at deploy time, so a scheduled rotation would not reach them; it is rotated by a redeploy, which only voids challenges of the last five minutes",
  },
  ...["phone-number", "sender-id", "pool", "opt-out-list"].map((resource) => ({
    path: "ApiRole",
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:eu-west-1:111111111111:${resource}/*]`,
    reason:
      resource === "opt-out-list"
        ? "A text is authorized against its origination identity's opt-out list, whichever it is; the action is SendTextMessage alone, in this account and Region"
        : "The example names no origination identity, so texts come from the account's default one, which IAM cannot name: SendTextMessage alone, on this account's identities in this Region",
  })),
  ...["ApiRole", "TriggersRole", "AdminRole"].map((path) => ({
    path,
    id: "AwsSolutions-IAM5[Resource::*]",
    reason:
      "X-Ray tracing (on in the example): xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions; no other statement names every resource",
  })),
  ...apiRoutes
    .filter(({ auth }) => auth === "public")
    .map(({ method, path }) => ({
      path: `HttpApi/${method}${path.replaceAll("/", "--")}`,
      id: "AwsSolutions-APIG4",
      reason:
        "A sign-in route (options, magic links, texts, the WebAuthn document, health): people call it before they have a token; it is throttled and counted by the api's own budgets",
    })),
  {
    path: "Api",
    id: "Serverless-LambdaDLQ",
    reason:
      "API Gateway invokes the api synchronously and waits for its answer; a dead-letter queue serves asynchronous invocations only",
  },
  {
    path: "Admin",
    id: "Serverless-LambdaDLQ",
    reason:
      "API Gateway invokes the admin function synchronously for a signed caller who waits for its answer; a dead-letter queue serves asynchronous invocations only",
  },
  {
    path: "UserPool/smsRole",
    id: "AwsSolutions-IAM5[Resource::*]",
    reason:
      "Cognito's role for texting the code that verifies a changed phone number (phoneSignIn): sns:Publish to a phone number names no resource, so IAM has none narrower; the role trusts Cognito alone, with this pool's external ID",
  },
  {
    path: "Triggers",
    id: "Serverless-LambdaDLQ",
    reason:
      "Cognito invokes the triggers synchronously within the sign-in; a dead-letter queue serves asynchronous invocations only",
  },
  {
    path: "Alarms/Topic",
    id: "Serverless-SNSRedrivePolicy",
    reason:
      "An alarm email that cannot be delivered is not worth redelivering later: the alarm's state stays on the dashboard and in the console",
  },
];

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/** The example stack synthesized in-process with both packs, and what they reported. */
function checkExample(acknowledge: boolean): ValidationReport {
  const { context } = JSON.parse(readFileSync(join(exampleDir, "cdk.json"), "utf8")) as {
    context: Record<string, string>;
  };
  const nagOutdir = mkdtempSync(join(outdir, "nag-"));
  const app = new App({ outdir: nagOutdir, context });
  const stack = createExampleStack(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  if (acknowledge) {
    for (const { path, id, reason } of acknowledged) {
      const construct = path
        .split("/")
        .reduce((parent, child) => parent.node.findChild(child), stack.node.findChild("Latchkey"));
      Validations.of(construct).acknowledge({ id, reason });
    }
  }
  try {
    app.synth();
  } catch (error) {
    // A pack that finds a violation fails the synthesis; its report is written all the same.
    if (!(error instanceof Error && error.name === "ValidationFailed")) throw error;
  }
  return JSON.parse(readFileSync(join(nagOutdir, "validation-report.json"), "utf8")) as ValidationReport;
}

describe("cdk-nag, AwsSolutions and Serverless packs, on the example stack", () => {
  it("reports exactly the acknowledged findings, each with a reason", { timeout: 120_000 }, () => {
    const report = checkExample(false);
    const findings = report.pluginReports.flatMap(({ violations }) =>
      violations.flatMap(({ ruleName, violatingConstructs }) =>
        violatingConstructs.map(({ constructPath }) => ({
          id: ruleName,
          path: constructPath.replace(/^LatchkeyExample\/Latchkey\//, ""),
        })),
      ),
    );
    // Each finding is on a construct acknowledged for it (or inside one), and each acknowledgment is used.
    const covers = (ack: (typeof acknowledged)[number], finding: (typeof findings)[number]) =>
      ack.id === finding.id && `${finding.path}/`.startsWith(`${ack.path}/`);
    expect(findings.filter((finding) => !acknowledged.some((ack) => covers(ack, finding)))).toEqual([]);
    expect(acknowledged.filter((ack) => !findings.some((finding) => covers(ack, finding)))).toEqual([]);
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });

  it("passes with those acknowledged", { timeout: 120_000 }, () => {
    const report = checkExample(true);
    expect(report.pluginReports.flatMap(({ violations }) => violations)).toEqual([]);
    for (const plugin of report.pluginReports) expect(plugin.conclusion).toBe("success");
  });
});
