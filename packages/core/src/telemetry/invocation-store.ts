import { AsyncLocalStorage } from "node:async_hooks";
import type { MetricEntry } from "./metric-entry.ts";
import type { Dependency } from "./record-metric.ts";

/** How an invocation ended: done, refused for a reason of the caller's, or failed on ours. */
export type Outcome = "ok" | "refused" | "failed";

/**
 * One api request or one trigger invocation, as its closing log line tells it: what it was, how it
 * ended and why, the metrics it counted, and the audit events still on their way.
 */
export interface Invocation {
  readonly requestId: string;
  readonly flow: string;
  outcome: Outcome | undefined;
  /** The stable reason of a refusal: never the caller's input. */
  reason: string | undefined;
  /** More of the closing line (the sign-in method, the HTTP status, the error code): values only, never input. */
  readonly fields: Record<string, string | number>;
  readonly metrics: MetricEntry[];
  /** The calls it made to each AWS service by operation, failed ones included: what it cost beside its duration. */
  readonly calls: Partial<Record<Dependency, Record<string, number>>>;
  /** Sends that the line waits for (they never reject): so that what they count is in it. */
  readonly pending: Promise<unknown>[];
}

/**
 * The invocation the code runs for. Node runs many requests at once in one process (the local stack runs
 * the api and the triggers together), so each has its own, carried along its async calls.
 */
export const invocations = new AsyncLocalStorage<Invocation>();

/** The invocation running now; undefined outside one (a test calling core directly, start-up). */
export const currentInvocation = (): Invocation | undefined => invocations.getStore();
