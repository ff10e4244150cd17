import { randomUUID } from "node:crypto";
import { log } from "../log.ts";
import { emfDocuments } from "./emf-documents.ts";
import { type Invocation, invocations } from "./invocation-store.ts";

export interface InvocationStart {
  /** What the invocation does: an api route's name, a trigger's. */
  flow: string;
  /** The platform's id for it (API Gateway's, Lambda's); a new UUID where there is none (the local stack). */
  requestId: string | undefined;
  /** The closing line's message: "request" for the api, "trigger" for a trigger. */
  msg: string;
  /** The CloudWatch namespace of its metrics. */
  namespace: string;
  /** More of the closing line, known from the start (Lambda's request id beside API Gateway's). */
  fields?: Record<string, string | number>;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Runs `work` as one invocation and ends it with one JSON line: its request id, flow, outcome, refusal
 * reason, duration and calls to each AWS service (when it made any), and the metrics it counted as Embedded Metric Format in the same line (more
 * lines only where one cannot carry them all, see emfDocuments). The line waits for the invocation's
 * audit events, so that a failed send is counted in it. A throw is a failure unless the work said
 * otherwise; it is rethrown as it was.
 */
export async function runInvocation<T>(start: InvocationStart, work: (invocation: Invocation) => Promise<T>) {
  const invocation: Invocation = {
    requestId: start.requestId || randomUUID(),
    flow: start.flow,
    outcome: undefined,
    reason: undefined,
    fields: { ...start.fields },
    metrics: [],
    calls: {},
    pending: [],
  };
  const started = performance.now();
  return invocations.run(invocation, async () => {
    try {
      const result = await work(invocation);
      invocation.outcome ??= "ok";
      return result;
    } catch (error) {
      invocation.outcome ??= "failed";
      throw error;
    } finally {
      await Promise.all(invocation.pending);
      writeClosingLine(start, invocation, round(performance.now() - started));
    }
  });
}

function writeClosingLine(start: InvocationStart, invocation: Invocation, durationMs: number) {
  const [metrics, ...more] = emfDocuments(start.namespace, Date.now(), invocation.metrics);
  log("info", start.msg, {
    flow: invocation.flow,
    outcome: invocation.outcome,
    ...(invocation.reason !== undefined && { reason: invocation.reason }),
    ...invocation.fields,
    durationMs,
    ...(Object.keys(invocation.calls).length > 0 && { calls: invocation.calls }),
    ...metrics,
  });
  for (const document of more) log("info", "metrics", { flow: invocation.flow, ...document });
}
