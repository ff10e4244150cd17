export * from "./emf-documents.ts";
export { currentInvocation, type Invocation, type Outcome } from "./invocation-store.ts";
export type { MetricEntry } from "./metric-entry.ts";
export * from "./record-metric.ts";
export * from "./run-invocation.ts";
