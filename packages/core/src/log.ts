/** What the log keeps of a failure: its name, message, stack and cause (never shown to a caller). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error };
  const { name, message, stack, cause } = error;
  return { name, message, stack, ...(cause !== undefined && { cause: errorFields(cause) }) };
}

/** One JSON line per event, as CloudWatch Logs reads it: level, message, then the event's own fields. */
export function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}
