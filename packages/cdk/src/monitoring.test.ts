import { createTestApp, type SynthesizedStack, testProps } from "@latchkey/testkit/cdk";
import { App, Stack } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { Topic } from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Latchkey } from "./latchkey.ts";
import type { LatchkeyProps } from "./latchkey-props.ts";
import { metricsNamespace } from "./metrics-namespace.ts";

const testApp = createTestApp();
let plain: SynthesizedStack;
let tuned: SynthesizedStack;
let mailed: SynthesizedStack;
let topic: Topic;

beforeAll(() => {
  ({ plain, tuned, mailed } = testApp.synthAll({
    plain: (stack) => new Latchkey(stack, "Latchkey", testProps),
    tuned: (stack) => {
      topic = new Topic(stack, "Pager");
      const alarms = {
        topic,
        apiServerErrorPercent: 2,
        functionErrors: 3,
        functionThrottles: 10,
        dependencyFailures: 7,
        emailBouncePercent: 3,
        emailComplaintPercent: 0.05,
        smsMonthlySpendUsd: 200,
      };
      return new Latchkey(stack, "Latchkey", {
        ...testProps,
        alarms,
        tracing: true,
        dashboard: false,
        metricsNamespace: "Acme/SignIn",
      });
    },
    mailed: (stack) => new Latchkey(stack, "Latchkey", { ...testProps, alarms: { email: "ops@example.com" } }),
  }));
}, 180_000);
afterAll(() => testApp.cleanup());

type Resource = { Properties: Record<string, unknown> };
const propertiesOf = (synth: SynthesizedStack, construct: Parameters<SynthesizedStack["logicalId"]>[0]) =>
  synth.json.Resources[synth.logicalId(construct)]?.Properties ?? {};
const ref = (synth: SynthesizedStack, construct: Parameters<SynthesizedStack["logicalId"]>[0]) => ({
  Ref: synth.logicalId(construct),
});
const envOf = (synth: SynthesizedStack) =>
  (propertiesOf(synth, synth.latchkey.apiFunction).Environment as { Variables: Record<string, unknown> }).Variables;

/** The metrics an alarm's metric math reads, by id. */
function metricsOf(alarm: Record<string, unknown>) {
  const queries = (alarm.Metrics ?? []) as {
    Id: string;
    Expression?: string;
    MetricStat?: {
      Metric: { Namespace: string; MetricName: string; Dimensions?: unknown[] };
      Period: number;
      Stat: string;
    };
  }[];
  return Object.fromEntries(queries.map((query) => [query.Id, query]));
}

describe("the SES configuration set", () => {
  it("is created with a CloudWatch event destination for sends, deliveries, bounces, complaints and rejections", () => {
    plain.template.resourceCountIs("AWS::SES::ConfigurationSet", 1);
    const set = ref(plain, plain.latchkey.emailConfigurationSet);
    plain.template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      ConfigurationSetName: set,
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ["send", "delivery", "bounce", "complaint", "reject"],
        CloudWatchDestination: {
          DimensionConfigurations: [
            { DimensionName: "ses:configuration-set", DimensionValueSource: "messageTag", DefaultDimensionValue: set },
          ],
        },
      },
    });
  });

  it("is what the api sends with (LATCHKEY_SES_CONFIGURATION_SET), as the triggers are told too", () => {
    const set = ref(plain, plain.latchkey.emailConfigurationSet);
    expect(envOf(plain).LATCHKEY_SES_CONFIGURATION_SET).toEqual(set);
  });
});

describe("the metrics namespace", () => {
  it("is Latchkey/<stack name> by default, or the one given, in both functions' environment", () => {
    expect(envOf(plain).LATCHKEY_METRICS_NAMESPACE).toBe("Latchkey/plain");
    expect(envOf(tuned).LATCHKEY_METRICS_NAMESPACE).toBe("Acme/SignIn");
    const triggers = propertiesOf(tuned, tuned.latchkey.triggerFunction).Environment as {
      Variables: Record<string, unknown>;
    };
    expect(triggers.Variables.LATCHKEY_METRICS_NAMESPACE).toBe("Acme/SignIn");
  });
});

describe("alarms", () => {
  const alarms = (synth: SynthesizedStack) => synth.latchkey.alarms;
  const alarmProps = (synth: SynthesizedStack, name: keyof SynthesizedStack["latchkey"]["alarms"]) =>
    propertiesOf(synth, alarms(synth)[name]);

  it("are eleven, each going off at or above its threshold and taking no data for no trouble", () => {
    expect(Object.keys(alarms(plain)).sort()).toEqual([
      "adminFunctionErrors",
      "adminFunctionThrottles",
      "apiFunctionErrors",
      "apiFunctionThrottles",
      "apiServerErrors",
      "dependencyFailures",
      "emailBounces",
      "emailComplaints",
      "smsSpend",
      "triggerFunctionErrors",
      "triggerFunctionThrottles",
    ]);
    plain.template.resourceCountIs("AWS::CloudWatch::Alarm", 11);
    for (const alarm of Object.values(plain.template.findResources("AWS::CloudWatch::Alarm")) as Resource[]) {
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        TreatMissingData: "notBreaching",
      });
      expect(alarm.Properties.AlarmDescription).toMatch(/^Latchkey: /);
    }
  });

  it("watch the HTTP API's 5xx rate, in 2 of 3 five-minute periods, at 5% by default", () => {
    const alarm = alarmProps(plain, "apiServerErrors");
    expect(alarm).toMatchObject({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    const metrics = metricsOf(alarm);
    const apiId = ref(plain, plain.latchkey.httpApi);
    expect(Object.values(metrics).find((m) => m.Expression)?.Expression).toBe(
      "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
    );
    expect(metrics.requests?.MetricStat).toEqual({
      Metric: { Namespace: "AWS/ApiGateway", MetricName: "Count", Dimensions: [{ Name: "ApiId", Value: apiId }] },
      Period: 300,
      Stat: "Sum",
    });
    expect(metrics.errors?.MetricStat?.Metric.MetricName).toBe("5xx");
    expect(alarmProps(tuned, "apiServerErrors").Threshold).toBe(2);
  });

  it("watch each function's errors and throttles over 5 minutes", () => {
    for (const [synth, errors, throttles] of [
      [plain, 5, 1],
      [tuned, 3, 10],
    ] as const) {
      for (const [name, fn] of [
        ["api", synth.latchkey.apiFunction],
        ["trigger", synth.latchkey.triggerFunction],
        ["admin", synth.latchkey.adminFunction],
      ] as const) {
        const dimensions = [{ Name: "FunctionName", Value: ref(synth, fn) }];
        expect(alarmProps(synth, `${name}FunctionErrors`)).toMatchObject({
          Namespace: "AWS/Lambda",
          MetricName: "Errors",
          Dimensions: dimensions,
          Statistic: "Sum",
          Period: 300,
          Threshold: errors,
        });
        expect(alarmProps(synth, `${name}FunctionThrottles`)).toMatchObject({
          Namespace: "AWS/Lambda",
          MetricName: "Throttles",
          Dimensions: dimensions,
          Threshold: throttles,
        });
      }
    }
  });

  it("watch DependencyFailure without dimensions, in the functions' namespace", () => {
    expect(alarmProps(plain, "dependencyFailures")).toMatchObject({
      Namespace: "Latchkey/plain",
      MetricName: "DependencyFailure",
      Statistic: "Sum",
      Period: 300,
      Threshold: 5,
    });
    expect(alarmProps(plain, "dependencyFailures").Dimensions).toBeUndefined();
    expect(alarmProps(tuned, "dependencyFailures")).toMatchObject({ Namespace: "Acme/SignIn", Threshold: 7 });
  });

  it("watch the hourly bounce and complaint rates of the configuration set's emails, from 20 sends an hour", () => {
    const set = ref(plain, plain.latchkey.emailConfigurationSet);
    for (const [name, event, threshold, tunedThreshold] of [
      ["emailBounces", "Bounce", 5, 3],
      ["emailComplaints", "Complaint", 0.1, 0.05],
    ] as const) {
      const alarm = alarmProps(plain, name);
      expect(alarm.Threshold).toBe(threshold);
      const metrics = metricsOf(alarm);
      const expression = Object.values(metrics).find((m) => m.Expression)?.Expression;
      expect(expression).toBe("IF(sends >= 20, 100 * FILL(events, 0) / sends, 0)");
      for (const [id, metricName] of [
        ["sends", "Send"],
        ["events", event],
      ] as const) {
        expect(metrics[id]?.MetricStat).toEqual({
          Metric: {
            Namespace: "AWS/SES",
            MetricName: metricName,
            Dimensions: [{ Name: "ses:configuration-set", Value: set }],
          },
          Period: 3600,
          Stat: "Sum",
        });
      }
      expect(alarmProps(tuned, name).Threshold).toBe(tunedThreshold);
    }
  });

  it("notify nobody by default", () => {
    for (const alarm of Object.values(plain.template.findResources("AWS::CloudWatch::Alarm")) as Resource[]) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
    plain.template.resourceCountIs("AWS::SNS::Topic", 0);
  });

  it("all notify the topic given, going off and back to OK", () => {
    const topicRef = ref(tuned, topic);
    const found = Object.values(tuned.template.findResources("AWS::CloudWatch::Alarm")) as Resource[];
    expect(found).toHaveLength(11);
    for (const alarm of found) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [topicRef], OKActions: [topicRef] });
    }
  });

  it("notify a topic of their own, TLS only, with the email address subscribed, when given one", () => {
    mailed.template.resourceCountIs("AWS::SNS::Topic", 1);
    mailed.template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "email", Endpoint: "ops@example.com" });
    mailed.template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      }),
    });
    const [topicId] = Object.keys(mailed.template.findResources("AWS::SNS::Topic"));
    for (const alarm of Object.values(mailed.template.findResources("AWS::CloudWatch::Alarm")) as Resource[]) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    }
  });
});

describe("the dashboard", () => {
  const body = (synth: SynthesizedStack) => {
    const dashboard = Object.values(synth.template.findResources("AWS::CloudWatch::Dashboard"))[0] as Resource;
    // The body is a Fn::Join of literal JSON and references: the references become their logical IDs.
    const parts = (dashboard.Properties.DashboardBody as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1];
    const text = parts
      .map((part) => (typeof part === "string" ? part : JSON.stringify(part).replace(/"/g, "'")))
      .join("");
    return JSON.parse(text) as {
      widgets: { properties: { title: string; metrics?: unknown[][]; alarms?: unknown[] } }[];
    };
  };
  const widget = (title: string) => {
    const found = body(plain).widgets.find((w) => w.properties.title === title);
    expect(found, title).toBeDefined();
    return JSON.stringify(found?.properties);
  };

  it("is created by default, and not with dashboard: false", () => {
    plain.template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    tuned.template.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
    expect(tuned.latchkey.dashboard).toBeUndefined();
  });

  it("shows every alarm's state", () => {
    expect(JSON.parse(widget("Alarms")).alarms).toHaveLength(11);
  });

  it("breaks sign-ins down by method and outcome, and refusals by reason, whatever values the functions emit", () => {
    const search = (metric: string, dimension: string) =>
      JSON.stringify(`SEARCH('{"Latchkey/plain",${dimension}} MetricName="${metric}"', 'Sum', 300)`);
    expect(widget("Sign-ins by method")).toContain(search("SignInSucceeded", "Method"));
    expect(widget("Refused sign-ins by method")).toContain(search("SignInRefused", "Method"));
    expect(widget("Refusals by reason")).toContain(search("SignInRefused", "Reason"));
    expect(widget("Emails")).toContain(search("EmailSent", "Kind"));
    expect(widget("Texts")).toContain(search("SmsSent", "Kind"));
    expect(widget("Rate limits hit")).toContain(search("RateLimited", "Limit"));
    expect(widget("Dependency failures")).toContain(search("DependencyFailure", "Dependency"));
  });

  it("shows SES's counts of the configuration set, the texts' spend, verify latency p50/p99, the functions and the API", () => {
    for (const event of ["Send", "Delivery", "Bounce", "Complaint", "Reject"]) {
      expect(widget("Emails")).toContain(`"AWS/SES","${event}","ses:configuration-set"`);
    }
    expect(widget("Texts")).toContain('"AWS/SMSVoice","TextMessageMonthlySpend"');
    const latency = widget("Verify latency (ms)");
    expect(latency).toContain('"Latchkey/plain","VerifyLatency"');
    expect(latency).toContain('"stat":"p50"');
    expect(latency).toContain('"stat":"p99"');
    const durations = widget("Function durations (ms)");
    expect(durations.match(/"AWS\/Lambda","Duration"/g)).toHaveLength(6);
    const errors = widget("Function errors and throttles");
    expect(errors.match(/"AWS\/Lambda","Errors"/g)).toHaveLength(3);
    expect(errors.match(/"AWS\/Lambda","Throttles"/g)).toHaveLength(3);
    const api = widget("HTTP API");
    for (const metric of ["Count", "4xx", "5xx", "Latency"]) expect(api).toContain(`"AWS/ApiGateway","${metric}"`);
  });
});

describe("X-Ray tracing", () => {
  it("is off by default and active on both functions when asked for", () => {
    for (const fn of [plain.latchkey.apiFunction, plain.latchkey.triggerFunction]) {
      expect(propertiesOf(plain, fn).TracingConfig).toBeUndefined();
    }
    for (const fn of [tuned.latchkey.apiFunction, tuned.latchkey.triggerFunction]) {
      expect(propertiesOf(tuned, fn).TracingConfig).toEqual({ Mode: "Active" });
    }
  });

  it("lets each function write its traces only when on", () => {
    const policies = (synth: SynthesizedStack) => JSON.stringify(synth.template.findResources("AWS::IAM::Policy"));
    expect(policies(plain)).not.toContain("xray:");
    expect(policies(tuned)).toContain("xray:PutTraceSegments");
  });
});

/** Settings are checked before anything is bundled, so these fail fast. */
function build(overrides: Partial<LatchkeyProps>) {
  const stack = new Stack(new App({ outdir: testApp.outdir }), "Invalid");
  return () => new Latchkey(stack, "Latchkey", { ...testProps, ...overrides });
}

describe("synthesis fails on", () => {
  it("an alarm threshold that is not a positive number, or a percentage over 100", () => {
    expect(build({ alarms: { functionErrors: 0 } })).toThrow(/alarms.functionErrors must be a number above 0, not 0/);
    expect(build({ alarms: { dependencyFailures: Number.NaN } })).toThrow(/alarms.dependencyFailures/);
    expect(build({ alarms: { emailBouncePercent: 101 } })).toThrow(
      /alarms.emailBouncePercent must be a percentage above 0 and at most 100/,
    );
    expect(build({ alarms: { smsMonthlySpendUsd: -5 } })).toThrow(/alarms.smsMonthlySpendUsd/);
  });

  it("both a topic and an address to subscribe, or an address that is none", () => {
    const stack = new Stack(new App({ outdir: testApp.outdir }), "Both");
    const topic = new Topic(stack, "Pager");
    expect(
      () => new Latchkey(stack, "Latchkey", { ...testProps, alarms: { topic, email: "ops@example.com" } }),
    ).toThrow(/a topic or an email address to subscribe, not both/);
    expect(build({ alarms: { email: "ops" } })).toThrow(/alarms.email "ops" is not an email address/);
  });

  it("a metrics namespace CloudWatch refuses, or one another Latchkey of the stack has", () => {
    expect(build({ metricsNamespace: "AWS/Latchkey" })).toThrow(/must be 1 to 255 letters/);
    expect(build({ metricsNamespace: 'Latchkey"' })).toThrow(/must be 1 to 255 letters/);
    expect(build({ metricsNamespace: "" })).toThrow(/must be 1 to 255 letters/);
    const stack = new Stack(new App({ outdir: testApp.outdir }), "Twice");
    expect(metricsNamespace(new Construct(stack, "First"), undefined)).toBe("Latchkey/Twice");
    expect(() => metricsNamespace(new Construct(stack, "Second"), undefined)).toThrow(
      /"Latchkey\/Twice" is used by another Latchkey in this stack: name another/,
    );
    expect(metricsNamespace(new Construct(stack, "Third"), "Latchkey/Twice/Third")).toBe("Latchkey/Twice/Third");
  });
});
