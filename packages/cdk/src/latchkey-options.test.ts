import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  actionsOf,
  createTestApp,
  roleOf,
  roleStatements,
  type SynthesizedStack,
  testProps,
} from "@latchkey/testkit/cdk";
import { testAttestationRoots } from "@latchkey/testkit/passkeys";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { FeaturePlan, UserPool, UserPoolOperation } from "aws-cdk-lib/aws-cognito";
import { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import { Topic } from "aws-cdk-lib/aws-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Latchkey } from "./latchkey.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";

const testApp = createTestApp();
const stagesApp = createTestApp();
let existingPool: SynthesizedStack;
let pool: UserPool;

/** A trust-anchor file as a deployment would keep one (its PEM checks are core's tests). */
function rootsFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "latchkey-roots-")), "roots.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}
const roots = rootsFile({ packed: [testAttestationRoots.trusted()] });
const otherRoots = rootsFile({ tpm: [testAttestationRoots.unrelated()] });
let rootsA: SynthesizedStack;
let rootsB: SynthesizedStack;
let none: SynthesizedStack;
let texts: SynthesizedStack;
let topic: Topic;

beforeAll(() => {
  existingPool = testApp.synth("ExistingPool", (stack) => {
    pool = new UserPool(stack, "AppUsers", { signInAliases: { email: true } });
    const passkeys = { ...testProps.passkeys, attestation: "direct" as const, attestationRootsFile: roots };
    return new Latchkey(stack, "Latchkey", { ...testProps, passkeys, userPool: pool, allowSignUp: false });
  });
  // Stages of one app, which share CDK's bundle cache: each api must ship its own roots, or none.
  const direct = (file: string) => ({ attestation: "direct" as const, attestationRootsFile: file });
  ({ rootsA, rootsB, none, texts } = stagesApp.synthAll({
    rootsA: (stack) => new Latchkey(stack, "Latchkey", { ...testProps, passkeys: direct(roots) }),
    none: (stack) => new Latchkey(stack, "Latchkey", testProps),
    rootsB: (stack) => new Latchkey(stack, "Latchkey", { ...testProps, passkeys: direct(otherRoots) }),
    texts: (stack) => {
      topic = new Topic(stack, "Alerts");
      const sms = {
        originationIdentity: "pool-0123456789abcdef0123456789abcdef",
        configurationSet: "latchkey-texts",
      };
      return new Latchkey(stack, "Latchkey", {
        ...testProps,
        sms,
        alarms: { topic, smsMonthlySpendUsd: 25 },
        phoneSignIn: true,
      });
    },
  }));
  // Eight esbuild bundles, synchronously: minutes on a machine that is busy with the rest of the suite.
}, 180_000);
afterAll(() => {
  testApp.cleanup();
  stagesApp.cleanup();
});

describe("an existing user pool", () => {
  it("is used instead of a new one, with its own client and the triggers wired in", () => {
    existingPool.template.resourceCountIs("AWS::Cognito::UserPool", 1);
    expect(existingPool.latchkey.userPool).toBe(pool);
    const poolId = existingPool.logicalId(pool);
    const lambdaConfig = existingPool.json.Resources[poolId]?.Properties?.LambdaConfig as Record<string, unknown>;
    expect(Object.keys(lambdaConfig).sort()).toEqual([
      "CreateAuthChallenge",
      "DefineAuthChallenge",
      "PreTokenGenerationConfig",
      "VerifyAuthChallengeResponse",
    ]);
    existingPool.template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      UserPoolId: { Ref: poolId },
      ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
  });
});

describe("direct attestation with trust roots", () => {
  const environmentOf = (fn: LambdaFunction) => {
    const properties = existingPool.json.Resources[existingPool.logicalId(fn)]?.Properties ?? {};
    return (properties.Environment as { Variables: Record<string, unknown> }).Variables;
  };

  it("ships the roots file in the api's code and points the api at it", () => {
    const api = existingPool.latchkey.apiFunction;
    expect(environmentOf(api)).toMatchObject({
      LATCHKEY_ATTESTATION: "direct",
      LATCHKEY_ATTESTATION_ROOTS_FILE: "attestation-roots.json",
    });
    const shipped = join(existingPool.assetDir(existingPool.logicalId(api)), "attestation-roots.json");
    expect(readFileSync(shipped, "utf8")).toBe(readFileSync(roots, "utf8"));
  });

  it("ships each stack's own roots file, and none to a stack without one", () => {
    const shipped = (synth: SynthesizedStack) =>
      join(synth.assetDir(synth.logicalId(synth.latchkey.apiFunction)), "attestation-roots.json");
    expect(readFileSync(shipped(rootsA), "utf8")).toBe(readFileSync(roots, "utf8"));
    expect(readFileSync(shipped(rootsB), "utf8")).toBe(readFileSync(otherRoots, "utf8"));
    expect(existsSync(shipped(none))).toBe(false);
  });

  it("leaves them out of the triggers, which verify no registration", () => {
    expect(environmentOf(existingPool.latchkey.triggerFunction)).not.toHaveProperty("LATCHKEY_ATTESTATION_ROOTS_FILE");
  });
});

describe("without sign-up", () => {
  it("the api may not create users", () => {
    const policies = existingPool.template.findResources("AWS::IAM::Policy");
    const actions = JSON.stringify(Object.values(policies));
    expect(actions).toContain("cognito-idp:AdminGetUser");
    expect(actions).not.toContain("cognito-idp:AdminCreateUser");
  });
});

/** Settings are checked before anything is bundled, so these fail fast. */
function build(overrides: Partial<LatchkeyProps>, setup?: (stack: Stack) => Partial<LatchkeyProps>) {
  const stack = new Stack(new App({ outdir: testApp.outdir }), "Invalid");
  return () => new Latchkey(stack, "Latchkey", { ...testProps, ...overrides, ...setup?.(stack) });
}

describe("synthesis fails on", () => {
  it("an origin with a path or a trailing slash, which CORS and WebAuthn would never match", () => {
    expect(build({ allowedOrigins: ["https://app.example.com/"] })).toThrow(/not an origin/);
    expect(build({ allowedOrigins: ["https://app.example.com/login"] })).toThrow(/not an origin/);
    expect(build({ allowedOrigins: ["app.example.com"] })).toThrow(/not an origin/);
    expect(build({ allowedOrigins: [] })).toThrow(/at least one origin/);
  });

  it("a relying party ID that is not a host name, or that covers none of an origin's host", () => {
    expect(build({ relyingPartyIds: ["https://example.com"] })).toThrow(/"https:\/\/example.com" is not a host name/);
    expect(build({ relyingPartyIds: ["example.com:443"] })).toThrow(/not a host name/);
    expect(build({ relyingPartyIds: ["Example.com"] })).toThrow(/not a host name/);
    expect(build({ relyingPartyIds: ["login.example.com"] })).toThrow(
      /no relying party ID covers https:\/\/app.example.com/,
    );
    // A lookalike is no parent domain.
    expect(build({ relyingPartyIds: ["ple.com"], allowedOrigins: ["https://example.com"] })).toThrow(
      /no relying party ID covers/,
    );
    expect(build({ relyingPartyIds: ["example.com"], allowedOrigins: ["https://app.example.com"] })).not.toThrow();
    // A related origin uses the first RP ID from outside its domain; it must be an allowed origin too.
    const related = {
      relyingPartyIds: ["example.com"],
      allowedOrigins: ["https://app.example.com", "https://example.co.uk"],
    };
    expect(build({ ...related, passkeys: { relatedOrigins: ["https://example.co.uk"] } })).not.toThrow();
    expect(
      build({ ...related, passkeys: { relatedOrigins: ["https://example.co.uk", "https://example.de"] } }),
    ).toThrow(/LATCHKEY_RELATED_ORIGINS: "https:\/\/example.de" must be one of LATCHKEY_ALLOWED_ORIGINS/);
  });

  it("a gap between emails under a minute", () => {
    const magicLinks = { ...testProps.magicLinks, rateLimits: { minSecondsBetweenEmails: 30 } };
    expect(build({ magicLinks })).toThrow(/LATCHKEY_LINK_MIN_GAP_SECONDS must be at least 60/);
  });

  it("a setting core would reject at every cold start", () => {
    const magicLinks = { ...testProps.magicLinks, expiry: Duration.seconds(0) };
    expect(build({ magicLinks })).toThrow(/LATCHKEY_LINK_EXPIRY_SECONDS must be a positive integer/);
    expect(build({ relyingPartyIds: [] })).toThrow(/LATCHKEY_RP_IDS is required/);
    const redirects = { ...testProps.magicLinks, redirectAllowlist: ["https://app.example.com/signed-in?next=/"] };
    expect(build({ magicLinks: redirects })).toThrow(
      /LATCHKEY_REDIRECT_ALLOWLIST: .* no credentials, query or fragment/,
    );
    const passkeys = { userVerification: "sometimes" as "required" };
    expect(build({ passkeys })).toThrow(/LATCHKEY_USER_VERIFICATION must be one of/);
    expect(build({ passkeys: { maxPasskeysPerUser: 0 } })).toThrow(/LATCHKEY_MAX_PASSKEYS_PER_USER must be a positive/);
    expect(build({ passkeys: { maxPasskeysPerUser: 101 } })).toThrow(
      /LATCHKEY_MAX_PASSKEYS_PER_USER must be at most 100/,
    );
  });

  it("an attestation roots file that is missing or malformed", () => {
    const direct = (file: string) => ({ passkeys: { attestation: "direct" as const, attestationRootsFile: file } });
    expect(build(direct(join(tmpdir(), "no-such-roots.json")))).toThrow(/LATCHKEY_ATTESTATION_ROOTS_FILE/);
    expect(build(direct(rootsFile({ packed: ["not a certificate"] })))).toThrow(/list of PEM certificates/);
  });

  it("a sender that is not an email address, so the SES permission cannot be scoped", () => {
    expect(build({ magicLinks: { senderAddress: "no-reply" } })).toThrow(/not an email address/);
    expect(build({ magicLinks: { senderAddress: "Name <>" } })).toThrow(/not an email address/);
  });

  it("a pool whose custom-auth triggers are taken", () => {
    const setup = (stack: Stack) => {
      const userPool = new UserPool(stack, "Taken");
      const other = LambdaFunction.fromFunctionName(stack, "Other", "other-define");
      userPool.addTrigger(UserPoolOperation.DEFINE_AUTH_CHALLENGE, other);
      return { userPool };
    };
    expect(build({}, setup)).toThrow(/already exists/);
  });

  it("phoneSignIn beside a pool of the app's own, which the construct does not shape", () => {
    const setup = (stack: Stack) => ({ userPool: new UserPool(stack, "Own", { signInAliases: { email: true } }) });
    expect(build({ phoneSignIn: true }, setup)).toThrow(/phoneSignIn shapes the pool this construct creates/);
    expect(build({ phoneSignIn: false }, setup)).toThrow(/phoneSignIn shapes the pool this construct creates/);
  });

  it("a pool on the Lite feature plan, which cannot run pre token generation V2_0", () => {
    const setup = (stack: Stack) => ({ userPool: new UserPool(stack, "Lite", { featurePlan: FeaturePlan.LITE }) });
    expect(build({}, setup)).toThrow(/needs the user pool's Essentials or Plus feature plan/);
  });
});

describe("texts", () => {
  it("sign users in with phoneSignIn: the pool takes phone numbers as usernames, and holds a changed one until verified", () => {
    texts.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UsernameAttributes: ["email", "phone_number"],
      AutoVerifiedAttributes: ["email", "phone_number"],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ["email", "phone_number"] },
      // Phone-only users have no email.
      Schema: Match.arrayWith([
        Match.objectLike({ Name: "email", Required: false }),
        Match.objectLike({ Name: "phone_number", Required: false }),
      ]),
      SmsConfiguration: Match.objectLike({ SnsCallerArn: Match.anyValue() }),
    });
    // Without it, email alone: the default pool is unchanged for existing deployments.
    none.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UsernameAttributes: ["email"],
      Schema: [Match.objectLike({ Name: "email", Required: true })],
      SmsConfiguration: Match.absent(),
    });
  });

  const smsArn = (resource: string) => ({
    "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, `:sms-voice:eu-west-1:111111111111:${resource}`]],
  });

  it("come from the origination identity and configuration set given, which both functions are told", () => {
    const variables = (synth: SynthesizedStack, fn: LambdaFunction) => {
      const environment = synth.json.Resources[synth.logicalId(fn)]?.Properties?.Environment;
      return (environment as { Variables: Record<string, string> }).Variables;
    };
    for (const fn of [texts.latchkey.apiFunction, texts.latchkey.triggerFunction]) {
      expect(variables(texts, fn)).toMatchObject({
        LATCHKEY_SMS_ORIGINATION_IDENTITY: "pool-0123456789abcdef0123456789abcdef",
        LATCHKEY_SMS_CONFIGURATION_SET: "latchkey-texts",
      });
    }
    // Unset, core's defaults hold: the account's identity, no configuration set.
    const unset = Object.keys(variables(none, none.latchkey.apiFunction));
    expect(unset).not.toContain("LATCHKEY_SMS_ORIGINATION_IDENTITY");
    expect(unset).not.toContain("LATCHKEY_SMS_CONFIGURATION_SET");
  });

  it("are sent by the api from that identity, with that configuration set, and no other", () => {
    const api = texts.logicalId(texts.latchkey.apiFunction);
    const statements = roleStatements(texts.json.Resources, roleOf(texts.json.Resources, api));
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith("sms-voice:")))).toEqual([
      {
        Effect: "Allow",
        Action: "sms-voice:SendTextMessage",
        Resource: [
          smsArn("pool/pool-0123456789abcdef0123456789abcdef"),
          smsArn("configuration-set/latchkey-texts"),
          smsArn("opt-out-list/*"),
        ],
      },
    ]);
  });

  it("have a spend alarm on End User Messaging SMS's month-to-date figure, notifying the alarms' topic", () => {
    const topicRef = { Ref: texts.logicalId(topic) };
    texts.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SMSVoice",
      MetricName: "TextMessageMonthlySpend",
      Statistic: "Maximum",
      Threshold: 25,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
      AlarmActions: [topicRef],
      OKActions: [topicRef],
    });
    expect(texts.latchkey.alarms.smsSpend).toBeDefined();
  });

  it("have the alarm by default too, at $50, notifying nobody", () => {
    none.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SMSVoice",
      MetricName: "TextMessageMonthlySpend",
      Threshold: 50,
      Dimensions: Match.absent(),
      AlarmActions: Match.absent(),
    });
  });
});
