import { Duration } from "aws-cdk-lib";
import type { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { Function as LambdaFunction } from "aws-cdk-lib/aws-lambda";
import type { ConfigurationSet } from "aws-cdk-lib/aws-ses";
import { type ITopic, Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { AlarmSettings, AlarmThresholds } from "./alarm-settings.ts";
import { appMetric } from "./app-metrics.ts";
import { emailEventMetric } from "./email-configuration-set.ts";

/** Below this many sends in an hour a rate is noise: one bounce in 19 emails is already 5%. */
const MIN_EMAILS_FOR_RATES = 20;

export interface AlarmTargets {
  httpApi: HttpApi;
  apiFunction: LambdaFunction;
  triggerFunction: LambdaFunction;
  adminFunction: LambdaFunction;
  emailConfigurationSet: ConfigurationSet;
  metricsNamespace: string;
}

export interface LatchkeyAlarms {
  apiServerErrors: Alarm;
  apiFunctionErrors: Alarm;
  apiFunctionThrottles: Alarm;
  triggerFunctionErrors: Alarm;
  triggerFunctionThrottles: Alarm;
  adminFunctionErrors: Alarm;
  adminFunctionThrottles: Alarm;
  dependencyFailures: Alarm;
  emailBounces: Alarm;
  emailComplaints: Alarm;
  /** Goes off when the month's texts cost more than `alarms.smsMonthlySpendUsd`. */
  smsSpend: Alarm;
}

interface AlarmSpec {
  description: string;
  metric: IMetric;
  threshold: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
}

/**
 * Latchkey's alarms, one scheme for all: each goes off at or above its threshold, takes no data (no
 * traffic) for no trouble, and notifies the one topic, if any, going off and back to OK.
 */
export class LatchkeyAlarmSet extends Construct {
  readonly alarms: LatchkeyAlarms;
  /** The topic the alarms notify: the one given, the one created for `alarms.email`, or none. */
  readonly topic: ITopic | undefined;

  /** `settings.thresholds`: as alarmThresholds checked them. */
  constructor(
    scope: Construct,
    id: string,
    targets: AlarmTargets,
    settings: Pick<AlarmSettings, "topic" | "email"> & { thresholds: AlarmThresholds },
  ) {
    super(scope, id);
    const { thresholds } = settings;
    this.topic = settings.topic ?? (settings.email ? this.createTopic(settings.email) : undefined);
    const { httpApi, apiFunction, triggerFunction, adminFunction, emailConfigurationSet: set } = targets;
    const fiveMinutes = { period: Duration.minutes(5), statistic: "Sum" };
    const hourly = (event: "Send" | "Bounce" | "Complaint") => emailEventMetric(set, event, Duration.hours(1));
    const emailRate = (event: "Bounce" | "Complaint") =>
      new MathExpression({
        expression: `IF(sends >= ${MIN_EMAILS_FOR_RATES}, 100 * FILL(events, 0) / sends, 0)`,
        usingMetrics: { sends: hourly("Send"), events: hourly(event) },
        period: Duration.hours(1),
        label: `${event} rate (%)`,
      });
    const functionAlarms = (fn: LambdaFunction, name: string) => ({
      errors: {
        description: `The ${name} function failed (errors or timeouts) ${thresholds.functionErrors} or more times in 5 minutes`,
        metric: fn.metricErrors(fiveMinutes),
        threshold: thresholds.functionErrors,
      },
      throttles: {
        description: `The ${name} function was throttled ${thresholds.functionThrottles} or more times in 5 minutes`,
        metric: fn.metricThrottles(fiveMinutes),
        threshold: thresholds.functionThrottles,
      },
    });
    const api = functionAlarms(apiFunction, "api");
    const triggers = functionAlarms(triggerFunction, "custom-auth trigger");
    const admin = functionAlarms(adminFunction, "admin API");
    const specs: Record<keyof LatchkeyAlarms, AlarmSpec> = {
      apiServerErrors: {
        description: `${thresholds.apiServerErrorPercent}% or more of the HTTP API's requests were answered 5xx, in 2 of 3 five-minute periods`,
        metric: new MathExpression({
          expression: "IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)",
          usingMetrics: { requests: httpApi.metricCount(fiveMinutes), errors: httpApi.metricServerError(fiveMinutes) },
          period: Duration.minutes(5),
          label: "5xx (%)",
        }),
        threshold: thresholds.apiServerErrorPercent,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      },
      apiFunctionErrors: api.errors,
      apiFunctionThrottles: api.throttles,
      triggerFunctionErrors: triggers.errors,
      triggerFunctionThrottles: triggers.throttles,
      adminFunctionErrors: admin.errors,
      adminFunctionThrottles: admin.throttles,
      dependencyFailures: {
        description: `${thresholds.dependencyFailures} or more calls to AWS dependencies failed after their retry in 5 minutes`,
        metric: appMetric(targets.metricsNamespace, "DependencyFailure"),
        threshold: thresholds.dependencyFailures,
      },
      emailBounces: {
        description: `${thresholds.emailBouncePercent}% or more of an hour's sign-in emails bounced (SES reviews accounts at 5%)`,
        metric: emailRate("Bounce"),
        threshold: thresholds.emailBouncePercent,
      },
      emailComplaints: {
        description: `${thresholds.emailComplaintPercent}% or more of an hour's sign-in emails were marked as spam (SES reviews accounts at 0.1%)`,
        metric: emailRate("Complaint"),
        threshold: thresholds.emailComplaintPercent,
      },
      // End User Messaging SMS's own figure, for the whole account and Region, at the carriers' prices;
      // published once its service-linked role (AWSServiceRoleForSMSVoice) exists.
      smsSpend: {
        description: `Texts (AWS End User Messaging SMS) cost $${thresholds.smsMonthlySpendUsd} or more this month`,
        metric: new Metric({
          namespace: "AWS/SMSVoice",
          metricName: "TextMessageMonthlySpend",
          statistic: "Maximum",
          period: Duration.minutes(5),
        }),
        threshold: thresholds.smsMonthlySpendUsd,
      },
    };
    this.alarms = Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [name, this.createAlarm(name, spec)]),
    ) as unknown as LatchkeyAlarms;
  }

  private createAlarm(name: string, spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, name.charAt(0).toUpperCase() + name.slice(1), {
      alarmDescription: `Latchkey: ${spec.description}`,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm ?? 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.topic) {
      alarm.addAlarmAction(new SnsAction(this.topic));
      alarm.addOkAction(new SnsAction(this.topic));
    }
    return alarm;
  }

  private createTopic(email: string): Topic {
    const topic = new Topic(this, "Topic", { displayName: "Latchkey alarms", enforceSSL: true });
    topic.addSubscription(new EmailSubscription(email));
    return topic;
  }
}
