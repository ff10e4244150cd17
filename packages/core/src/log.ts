/** One JSON line per event, as CloudWatch Logs reads it: level, message, then the event's own fields. */
export function log(level: "info" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "error") console.error(line);
  else console.info(line);
}
