import type { IncomingMessage } from "node:http";
import { CognitoError } from "../cognito-error.ts";

const maxBodyBytes = 1024 * 1024;

const serialization = (message: string) => new CognitoError("SerializationException", message);

/** The request body as a JSON object; an empty body is an empty input, as the SDK may send. */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw serialization("Request body too large.");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw serialization("Request body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw serialization("Request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
