import { Token } from "aws-cdk-lib";
import type { ITopic } from "aws-cdk-lib/aws-sns";

/**
 * Where Latchkey's alarms notify, and when they go off. Each threshold's default is explained beside
 * it; every alarm notifies the same topic, going off and back to OK.
 */
export interface AlarmSettings {
  /** The SNS topic every alarm notifies. Default: none (the alarms show in the console only). */
  topic?: ITopic;
  /** Instead of `topic`: a topic is created (TLS only) and this address subscribed to it. */
  email?: string;
  /**
   * Percent of the HTTP API's requests answered with a 5xx, in two of three 5-minute periods. The api
   * answers 5xx only when a dependency fails or the code is broken, never for bad input: 5% is far
   * above that noise, and two periods in three ride out one blip while an outage pages in 10 minutes.
   * Default: 5.
   */
  apiServerErrorPercent?: number;
  /**
   * Errors of either function in 5 minutes: crashes and timeouts of the api (its own failures are
   * answers), failed sign-ins of the triggers. One user retrying a failed sign-in makes two or three.
   * Default: 5.
   */
  functionErrors?: number;
  /** Throttled invocations of either function in 5 minutes: each is a refused request. Default: 1. */
  functionThrottles?: number;
  /**
   * DependencyFailure (calls to DynamoDB, SES, KMS, Cognito, SMS or EventBridge that failed after the
   * SDK's retry) in 5 minutes, all dependencies together. A lone failure is a blip the user retries past.
   * Default: 5.
   */
  dependencyFailures?: number;
  /**
   * Percent of the emails sent in an hour that bounced (hours with at least 20 sends). SES reviews an
   * account at a 5% bounce rate and may pause its sending at 10%: this goes off while there is time.
   * Sign-in emails go to addresses people typed, so a rise is mistyped or made-up addresses, or abuse.
   * Default: 5.
   */
  emailBouncePercent?: number;
  /**
   * Percent of the emails sent in an hour marked as spam (hours with at least 20 sends). SES reviews
   * an account at 0.1% and may pause it at 0.5%; nobody asks for a sign-in email to mark it as spam,
   * so a complaint means someone requests emails to other people's addresses. Default: 0.1.
   */
  emailComplaintPercent?: number;
  /**
   * Month-to-date spend on texts in US dollars (End User Messaging SMS's TextMessageMonthlySpend): a
   * tenth of the worst day the default SMS budgets allow ($480). Default: 50.
   */
  smsMonthlySpendUsd?: number;
}

export type AlarmThresholds = Required<Omit<AlarmSettings, "topic" | "email">>;

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  apiServerErrorPercent: 5,
  functionErrors: 5,
  functionThrottles: 1,
  dependencyFailures: 5,
  emailBouncePercent: 5,
  emailComplaintPercent: 0.1,
  smsMonthlySpendUsd: 50,
};

const PERCENTS = new Set<keyof AlarmThresholds>([
  "apiServerErrorPercent",
  "emailBouncePercent",
  "emailComplaintPercent",
]);

/** The thresholds, defaults filled in, each checked: an alarm that can never go off is no alarm. */
export function alarmThresholds(settings: AlarmSettings): AlarmThresholds {
  if (settings.topic && settings.email) {
    throw new Error("Latchkey: alarms: give a topic or an email address to subscribe, not both");
  }
  if (
    settings.email !== undefined &&
    !Token.isUnresolved(settings.email) &&
    !/^[^\s@<>]+@[^\s@<>]+$/.test(settings.email)
  ) {
    throw new Error(`Latchkey: alarms.email "${settings.email}" is not an email address`);
  }
  const thresholds = { ...DEFAULT_ALARM_THRESHOLDS };
  for (const name of Object.keys(DEFAULT_ALARM_THRESHOLDS) as (keyof AlarmThresholds)[]) {
    const value = settings[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0 || (PERCENTS.has(name) && value > 100)) {
      const range = PERCENTS.has(name) ? "a percentage above 0 and at most 100" : "a number above 0";
      throw new Error(`Latchkey: alarms.${name} must be ${range}, not ${value}`);
    }
    thresholds[name] = value;
  }
  return thresholds;
}
