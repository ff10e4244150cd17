import { Duration } from "aws-cdk-lib";
import { Metric } from "aws-cdk-lib/aws-cloudwatch";
import { CloudWatchDimensionSource, ConfigurationSet, EmailSendingEvent, EventDestination } from "aws-cdk-lib/aws-ses";
import type { Construct } from "constructs";

/** SES tags every email with its configuration set under this name; the metrics take it as their dimension. */
const CONFIGURATION_SET_DIMENSION = "ses:configuration-set";

export type EmailEvent = "Send" | "Delivery" | "Bounce" | "Complaint" | "Reject";

/**
 * The SES configuration set every email of the api is sent with (LATCHKEY_SES_CONFIGURATION_SET), with
 * a CloudWatch event destination: SES then counts this deployment's sends, deliveries, bounces,
 * complaints and rejections in AWS/SES, apart from any other sender of the account. (Bounces are the
 * hard ones: a soft bounce counts only once SES gives up retrying.)
 */
export function createEmailConfigurationSet(scope: Construct): ConfigurationSet {
  const set = new ConfigurationSet(scope, "EmailConfigurationSet");
  set.addEventDestination("CloudWatch", {
    destination: EventDestination.cloudWatchDimensions([
      {
        name: CONFIGURATION_SET_DIMENSION,
        source: CloudWatchDimensionSource.MESSAGE_TAG,
        defaultValue: set.configurationSetName,
      },
    ]),
    events: [
      EmailSendingEvent.SEND,
      EmailSendingEvent.DELIVERY,
      EmailSendingEvent.BOUNCE,
      EmailSendingEvent.COMPLAINT,
      EmailSendingEvent.REJECT,
    ],
  });
  return set;
}

/** One of the set's event counts, summed over `period`. */
export function emailEventMetric(set: ConfigurationSet, event: EmailEvent, period: Duration = Duration.minutes(5)) {
  return new Metric({
    namespace: "AWS/SES",
    metricName: event,
    dimensionsMap: { [CONFIGURATION_SET_DIMENSION]: set.configurationSetName },
    statistic: "Sum",
    period,
    label: event,
  });
}
