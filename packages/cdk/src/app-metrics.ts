import { Duration } from "aws-cdk-lib";
import { MathExpression, Metric } from "aws-cdk-lib/aws-cloudwatch";

/**
 * The functions' own metrics (Embedded Metric Format; the names are the operations contract's). Each is
 * emitted without dimensions, which the alarms use, and by one dimension (Method, Reason, Kind, Limit,
 * Dependency), which the dashboard breaks them down by.
 */
export type AppMetricName =
  | "SignInSucceeded"
  | "SignInRefused"
  | "EmailSent"
  | "SmsSent"
  | "RateLimited"
  | "DependencyFailure"
  | "VerifyLatency";

const PERIOD = Duration.minutes(5);

/** The metric over every dimension value: the empty dimension set. */
export function appMetric(namespace: string, metricName: AppMetricName, statistic = "Sum", label?: string): Metric {
  return new Metric({ namespace, metricName, statistic, period: PERIOD, ...(label && { label }) });
}

/**
 * One line per value of `dimension`, whatever values the code emits (a method, a refusal reason, a
 * limit): a CloudWatch SEARCH, so a new value shows without a change here. Namespaces cannot hold quotes
 * (metricsNamespace checks), so the namespace is safely quoted.
 */
export function appMetricBy(namespace: string, metricName: AppMetricName, dimension: string, statistic = "Sum") {
  return new MathExpression({
    expression: `SEARCH('{"${namespace}",${dimension}} MetricName="${metricName}"', '${statistic}', ${PERIOD.toSeconds()})`,
    label: "",
    period: PERIOD,
  });
}
