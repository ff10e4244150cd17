import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  PeriodOverride,
} from "aws-cdk-lib/aws-cloudwatch";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { ConfigurationSet } from "aws-cdk-lib/aws-ses";
import type { Construct } from "constructs";
import { appMetric, appMetricBy } from "./app-metrics.ts";
import { emailEventMetric } from "./email-configuration-set.ts";

export interface DashboardSources {
  httpApi: HttpApi;
  apiFunction: LambdaFunction;
  triggerFunction: LambdaFunction;
  adminFunction: LambdaFunction;
  emailConfigurationSet: ConfigurationSet;
  metricsNamespace: string;
  alarms: Alarm[];
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * One CloudWatch dashboard for the deployment: its alarms, sign-ins by method and outcome, refusals by
 * reason, emails and texts sent, rate limits hit, dependency failures, verify latency, the functions'
 * durations and errors, and the HTTP API's requests and errors.
 */
export function createDashboard(scope: Construct, sources: DashboardSources): Dashboard {
  const { httpApi, metricsNamespace: ns, emailConfigurationSet: set } = sources;
  const functions: [LambdaFunction, string][] = [
    [sources.apiFunction, "api"],
    [sources.triggerFunction, "triggers"],
    [sources.adminFunction, "admin"],
  ];
  const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
    new GraphWidget({ title, left, right, width: 8, height: 6 });
  const sum = { period: FIVE_MINUTES, statistic: "Sum" };
  const percentiles = (fn: LambdaFunction, name: string) =>
    ["p50", "p99"].map((statistic) =>
      fn.metricDuration({ period: FIVE_MINUTES, statistic, label: `${name} ${statistic}` }),
    );

  const dashboard = new Dashboard(scope, "Dashboard", {
    defaultInterval: Duration.hours(6),
    periodOverride: PeriodOverride.AUTO,
  });
  dashboard.addWidgets(new AlarmStatusWidget({ title: "Alarms", alarms: sources.alarms, width: 24, height: 3 }));
  dashboard.addWidgets(
    graph("Sign-ins by method", [appMetricBy(ns, "SignInSucceeded", "Method")]),
    graph("Refused sign-ins by method", [appMetricBy(ns, "SignInRefused", "Method")]),
    graph("Refusals by reason", [appMetricBy(ns, "SignInRefused", "Reason")]),
  );
  dashboard.addWidgets(
    graph(
      "Emails",
      [appMetricBy(ns, "EmailSent", "Kind")],
      (["Send", "Delivery", "Bounce", "Complaint", "Reject"] as const).map((event) => emailEventMetric(set, event)),
    ),
    graph(
      "Texts",
      [appMetricBy(ns, "SmsSent", "Kind")],
      [
        new Metric({
          namespace: "AWS/SMSVoice",
          metricName: "TextMessageMonthlySpend",
          statistic: "Maximum",
          period: FIVE_MINUTES,
          label: "Month-to-date spend (USD)",
        }),
      ],
    ),
    graph("Rate limits hit", [appMetricBy(ns, "RateLimited", "Limit")]),
  );
  dashboard.addWidgets(
    graph(
      "Dependency failures",
      [appMetricBy(ns, "DependencyFailure", "Dependency")],
      [appMetric(ns, "DependencyFailure", "Sum", "All dependencies")],
    ),
    graph(
      "Verify latency (ms)",
      ["p50", "p99"].map((statistic) => appMetric(ns, "VerifyLatency", statistic, `Verify ${statistic}`)),
    ),
    graph(
      "Function durations (ms)",
      functions.flatMap(([fn, name]) => percentiles(fn, name)),
    ),
  );
  dashboard.addWidgets(
    graph("Function errors and throttles", [
      ...functions.map(([fn, name]) => fn.metricErrors({ ...sum, label: `${name} errors` })),
      ...functions.map(([fn, name]) => fn.metricThrottles({ ...sum, label: `${name} throttles` })),
    ]),
    graph(
      "HTTP API",
      [
        httpApi.metricCount({ ...sum, label: "requests" }),
        httpApi.metricClientError({ ...sum, label: "4xx" }),
        httpApi.metricServerError({ ...sum, label: "5xx" }),
      ],
      [httpApi.metricLatency({ period: FIVE_MINUTES, statistic: "p99", label: "latency p99 (ms)" })],
    ),
  );
  return dashboard;
}
