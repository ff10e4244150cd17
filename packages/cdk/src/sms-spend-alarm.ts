import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { Construct } from "constructs";
import type { SmsSettings } from "./latchkey-props.ts";

/** What the alarm goes off at by default: a tenth of the worst day the default budgets allow ($480). */
const DEFAULT_MONTHLY_SPEND_USD = 50;

/**
 * An alarm on the account's month-to-date spend on texts, End User Messaging SMS's own figure
 * (AWS/SMSVoice TextMessageMonthlySpend, an account metric without dimensions, in US dollars; the
 * service publishes it once its service-linked role, AWSServiceRoleForSMSVoice, exists). It counts
 * every text at the price the carriers charged, which our own count of texts could only estimate;
 * it covers the whole account and Region, other senders included. No data (nothing sent) is no alarm.
 */
export function createSmsSpendAlarm(scope: Construct, sms: SmsSettings): Alarm {
  const alarm = new Alarm(scope, "SmsSpendAlarm", {
    alarmDescription:
      "Texts (AWS End User Messaging SMS) cost more this month than Latchkey's sms.monthlySpendAlarmUsd",
    metric: new Metric({
      namespace: "AWS/SMSVoice",
      metricName: "TextMessageMonthlySpend",
      statistic: "Maximum",
      period: Duration.minutes(5),
    }),
    threshold: sms.monthlySpendAlarmUsd ?? DEFAULT_MONTHLY_SPEND_USD,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  if (sms.alarmTopic) {
    alarm.addAlarmAction(new SnsAction(sms.alarmTopic));
    alarm.addOkAction(new SnsAction(sms.alarmTopic));
  }
  return alarm;
}
