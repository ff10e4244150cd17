import { unrecognizableLambdaOutput } from "./invoke-trigger.ts";

/**
 * A string map from a trigger's response. Lambda output is untyped JSON, so a trigger can return
 * anything; Cognito refuses a map with non-string values, and so do we. Null counts as empty.
 */
export function readStringMap(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw unrecognizableLambdaOutput();
  const entries = Object.entries(value);
  if (!entries.every(([, v]) => typeof v === "string")) throw unrecognizableLambdaOutput();
  return Object.fromEntries(entries) as Record<string, string>;
}
