import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The request body of an AWS JSON protocol call (awsJson1_0, awsJson1_1) as a JSON object; a body over
 * `maxBytes` is refused with `tooLarge`, anything but an object with `notObject`, each the service's own
 * exception.
 */
export async function readJsonObject(
  request: IncomingMessage,
  maxBytes: number,
  refusals: { tooLarge: () => Error; notObject: () => Error },
): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of request) {
    text += chunk;
    if (text.length > maxBytes) throw refusals.tooLarge();
  }
  try {
    const input: unknown = JSON.parse(text || "{}");
    if (typeof input === "object" && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  } catch {}
  throw refusals.notObject();
}

/** An answer that no cache keeps. */
export function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

/** `since` as the SES inbox takes it: epoch seconds, an integer, 0 when absent, undefined when malformed. */
export function sinceParam(url: URL): number | undefined {
  const raw = url.searchParams.get("since");
  if (raw === null) return 0;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}
