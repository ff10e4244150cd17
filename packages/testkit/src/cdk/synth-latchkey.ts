import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Latchkey, type LatchkeyProps } from "@latchkey/cdk";
import { App, type CfnElement, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";

export const testProps: LatchkeyProps = {
  allowedOrigins: ["https://app.example.com", "https://admin.example.com"],
  relyingPartyIds: ["example.com"],
  magicLinks: {
    senderAddress: "Example <no-reply@mail.example.com>",
    redirectAllowlist: ["https://app.example.com/signed-in"],
    expiry: Duration.minutes(5),
    binding: "same-browser",
    rateLimits: {
      minSecondsBetweenEmails: 120,
      maxEmailsPerAddressPerHour: 4,
      maxEmailsPerAddressPerIpPerHour: 2,
      maxRequestsPerIpPerHour: 50,
      maxFailedCodesPerDay: 5,
    },
  },
  passkeys: {
    userVerification: "required",
    residentKey: "required",
    attestation: "none",
    maxPasskeysPerUser: 10,
    recentSignIn: Duration.minutes(5),
    notices: false,
  },
  allowSignUp: true,
  removalPolicy: RemovalPolicy.DESTROY,
};

export interface SynthesizedStack {
  stack: Stack;
  latchkey: Latchkey;
  template: Template;
  /** The template as JSON, for checks the assertion helpers cannot express. */
  json: { Resources: Record<string, TemplateResource>; Outputs?: Record<string, { Value: unknown }> };
  /** The CloudFormation logical ID of a construct's resource. */
  logicalId(construct: IConstruct): string;
  /** The directory in cdk.out holding a function's bundled code. */
  assetDir(functionLogicalId: string): string;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
}

type Build = (stack: Stack) => Latchkey;
const defaultBuild: Build = (stack) => new Latchkey(stack, "Latchkey", testProps);

/**
 * One app per test file (bundling takes a second or two); call `cleanup` in afterAll. Each stack is
 * built by `build`, which receives the stack to put a Latchkey in. `synthAll` builds several stacks
 * before the app synthesizes, as one CDK app with several stages would.
 */
export function createTestApp() {
  const outdir = mkdtempSync(join(tmpdir(), "latchkey-cdk-test-"));
  const app = new App({ outdir });
  const create = (id: string, build: Build) => {
    const stack = new Stack(app, id, { env: { account: "111111111111", region: "eu-west-1" } });
    return { stack, latchkey: build(stack) };
  };
  const synthesized = ({ stack, latchkey }: ReturnType<typeof create>): SynthesizedStack => {
    const template = Template.fromStack(stack);
    const json = template.toJSON() as SynthesizedStack["json"];
    return {
      stack,
      latchkey,
      template,
      json,
      logicalId: (construct) => stack.getLogicalId(construct.node.defaultChild as CfnElement),
      assetDir(functionLogicalId) {
        const code = json.Resources[functionLogicalId]?.Properties?.Code as { S3Key: string };
        return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, "")}`);
      },
    };
  };
  return {
    outdir,
    synth: (id: string, build: Build = defaultBuild) => synthesized(create(id, build)),
    synthAll<Id extends string>(builds: Record<Id, Build>): Record<Id, SynthesizedStack> {
      const created = Object.entries<Build>(builds).map(([id, build]) => [id, create(id, build)] as const);
      return Object.fromEntries(created.map(([id, stack]) => [id, synthesized(stack)])) as Record<Id, SynthesizedStack>;
    },
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
