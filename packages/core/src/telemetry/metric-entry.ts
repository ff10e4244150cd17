/** One value of one metric, with its dimensions, as an invocation counts it. */
export interface MetricEntry {
  name: string;
  unit: "Count" | "Milliseconds";
  /** Each is a dimension set of its own, beside the empty one (see emfDocuments). */
  dimensions: Record<string, string>;
  value: number;
}
