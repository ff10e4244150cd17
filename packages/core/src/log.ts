import { Console } from "node:console";
import { maskAddresses } from "./mask-addresses.ts";
import { currentInvocation } from "./telemetry/invocation-store.ts";

export type LogLevel = "info" | "warn" | "error";

/** What the log keeps of a failure: its name, message, stack and cause (never shown to a caller). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error };
  const { name, message, stack, cause } = error;
  return { name, message, stack, ...(cause !== undefined && { cause: errorFields(cause) }) };
}

let lambdaConsole: Console | undefined;

/**
 * Where lines go. Lambda's JSON log format wraps what the global console writes as the `message` of
 * a record of its own, a string, in which no Embedded Metric Format document is read: there the lines
 * go to the process's own streams, as they are (as the EMF client library does).
 */
function output(): Pick<Console, LogLevel> {
  if (process.env.AWS_LAMBDA_LOG_FORMAT !== "JSON") return console;
  lambdaConsole ??= new Console({ stdout: process.stdout, stderr: process.stderr });
  return lambdaConsole;
}

/** Every string of a line passes through here: a dependency's words may name an address. */
const masked = (_key: string, value: unknown) => (typeof value === "string" ? maskAddresses(value) : value);

/**
 * One JSON line per event, as CloudWatch Logs reads it: level, message, the running invocation's
 * request id, then the event's own fields, with every email address and phone number masked.
 */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const requestId = currentInvocation()?.requestId;
  output()[level](JSON.stringify({ level, msg, ...(requestId !== undefined && { requestId }), ...fields }, masked));
}
