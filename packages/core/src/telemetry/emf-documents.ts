import type { MetricEntry } from "./metric-entry.ts";

/** The members of one Embedded Metric Format document: dimension values, metric values and `_aws`. */
export type EmfDocument = Record<string, unknown> & { _aws: { Timestamp: number; CloudWatchMetrics: unknown[] } };

interface Draft {
  dimensions: Record<string, string>;
  /** Per metric name: its unit, its own dimension keys, its values. */
  metrics: Map<string, { unit: string; keys: string[]; values: number[] }>;
}

const sameKeys = (a: string[], b: string[]) => a.length === b.length && a.every((key, i) => key === b[i]);

/** Whether the entry fits the draft: its dimensions agree with those there, and so does its metric. */
function fits(draft: Draft, entry: MetricEntry, keys: string[]): boolean {
  const clash = keys.some((key) => key in draft.dimensions && draft.dimensions[key] !== entry.dimensions[key]);
  const metric = draft.metrics.get(entry.name);
  return !clash && (metric === undefined || (metric.unit === entry.unit && sameKeys(metric.keys, keys)));
}

/**
 * The metrics of one invocation as CloudWatch Embedded Metric Format documents, as few as will carry
 * them: one, unless two entries need one dimension with two values (a DynamoDB and an SES failure in
 * one request), which one document cannot hold, since a dimension's value is a member of its root.
 * Each metric gets the empty dimension set (the aggregate alarms read) and one set per dimension of
 * its own; values of the same metric and dimensions go together as one array.
 * See the specification: docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export function emfDocuments(namespace: string, timestamp: number, entries: readonly MetricEntry[]): EmfDocument[] {
  const drafts: Draft[] = [];
  for (const entry of entries) {
    const keys = Object.keys(entry.dimensions).sort();
    let draft = drafts.find((candidate) => fits(candidate, entry, keys));
    if (!draft) {
      draft = { dimensions: {}, metrics: new Map() };
      drafts.push(draft);
    }
    Object.assign(draft.dimensions, entry.dimensions);
    const metric = draft.metrics.get(entry.name) ?? { unit: entry.unit, keys, values: [] };
    metric.values.push(entry.value);
    draft.metrics.set(entry.name, metric);
  }
  return drafts.map((draft) => {
    // Metrics with the same dimension keys share one directive.
    const directives = new Map<string, { Namespace: string; Dimensions: string[][]; Metrics: object[] }>();
    const values: Record<string, number | number[]> = {};
    for (const [name, metric] of draft.metrics) {
      const signature = metric.keys.join(",");
      const directive = directives.get(signature) ?? {
        Namespace: namespace,
        Dimensions: [[], ...metric.keys.map((key) => [key])],
        Metrics: [],
      };
      directive.Metrics.push({ Name: name, Unit: metric.unit });
      directives.set(signature, directive);
      values[name] = metric.values.length === 1 ? (metric.values[0] as number) : metric.values;
    }
    return {
      ...draft.dimensions,
      ...values,
      _aws: { Timestamp: timestamp, CloudWatchMetrics: [...directives.values()] },
    };
  });
}
