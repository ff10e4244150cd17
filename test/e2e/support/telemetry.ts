import type { LocalStack } from "@latchkey/local";
import { vi } from "vitest";

/** A JSON log line, parsed. */
export type LogLine = Record<string, unknown>;

/**
 * Every line the api, the triggers and the emulators write while a suite runs, kept (and kept out of
 * the test output): `since(mark)` gives the JSON ones written after a `mark()`, `all` everything.
 */
export function captureLines() {
  const all: string[] = [];
  const keep = (...args: unknown[]) => {
    all.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" "));
  };
  for (const level of ["log", "info", "warn", "error"] as const) vi.spyOn(console, level).mockImplementation(keep);
  const parse = (line: string): LogLine[] => {
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === "object" && parsed !== null ? [parsed as LogLine] : [];
    } catch {
      return [];
    }
  };
  return {
    all,
    mark: () => all.length,
    since: (mark: number) => all.slice(mark).flatMap(parse),
  };
}

/** The closing line of each invocation of `flow` among `lines`. */
export const closing = (lines: LogLine[], flow: string) =>
  lines.filter((line) => line.flow === flow && (line.msg === "request" || line.msg === "trigger"));

/** An audit event as the local bus keeps it. */
export interface BusEvent {
  "detail-type": string;
  source: string;
  time: string;
  detail: Record<string, unknown>;
}

/** The audit events on the stack's bus, oldest first, after the first `skip`. */
export async function busEvents(stack: Pick<LocalStack, "urls">, skip = 0): Promise<BusEvent[]> {
  const response = await fetch(`${stack.urls.events}/store`);
  return ((await response.json()) as { events: BusEvent[] }).events.slice(skip);
}

/** The metric values and dimension sets of a line, by metric name (its EMF document). */
export function metricsOf(line: LogLine | undefined): Record<string, { value: unknown; dimensions: string[][] }> {
  const aws = line?._aws as
    | { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] }
    | undefined;
  const metrics: Record<string, { value: unknown; dimensions: string[][] }> = {};
  for (const directive of aws?.CloudWatchMetrics ?? []) {
    for (const { Name } of directive.Metrics) metrics[Name] = { value: line?.[Name], dimensions: directive.Dimensions };
  }
  return metrics;
}
