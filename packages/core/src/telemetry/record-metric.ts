import type { SignInMethod } from "@latchkey/protocol";
import { currentInvocation } from "./invocation-store.ts";

/** The services Latchkey calls, as DependencyFailure names them. */
export type Dependency = "DynamoDB" | "SES" | "KMS" | "Cognito" | "SMS" | "EventBridge";

/** What a sent email was: a sign-in email (link and code), a step-up code, a passkey notice. */
export type EmailKind = "link" | "code" | "notice";
export type SmsKind = "sign-in" | "step-up";

/**
 * Every metric and its dimensions (docs/metrics-and-logs.md). A dimension left out (the method of an
 * answer that named none) is left out of the metric's dimension sets too.
 */
export interface Metrics {
  SignInSucceeded: { Method: SignInMethod };
  SignInRefused: { Method: SignInMethod | undefined; Reason: string };
  EmailSent: { Kind: EmailKind };
  SmsSent: { Kind: SmsKind };
  RateLimited: { Limit: string };
  DependencyFailure: { Dependency: Dependency };
  VerifyLatency: { Method: SignInMethod | undefined };
}

const units: Record<keyof Metrics, "Count" | "Milliseconds"> = {
  SignInSucceeded: "Count",
  SignInRefused: "Count",
  EmailSent: "Count",
  SmsSent: "Count",
  RateLimited: "Count",
  DependencyFailure: "Count",
  VerifyLatency: "Milliseconds",
};

/** Counts `value` of a metric for the running invocation, whose closing line carries it; outside one, nothing. */
export function recordMetric<N extends keyof Metrics>(name: N, dimensions: Metrics[N], value = 1): void {
  const defined = Object.entries(dimensions).filter((entry): entry is [string, string] => entry[1] !== undefined);
  currentInvocation()?.metrics.push({ name, unit: units[name], dimensions: Object.fromEntries(defined), value });
}
