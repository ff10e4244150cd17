import { errorStatus, isErrorCode } from "../../../packages/api/src/error-status.ts";
import type { RawResponse } from "./raw-request.ts";

/** What gives away the server's insides: stack frames, source paths, parser and runtime error text. */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /\bat .+:\d+:\d+|\n\s+at /],
  ["a source path", /(?:\/[\w.@+-]+)+\.(?:ts|js|mjs|cjs)\b|node_modules|file:\/\//],
  ["a runtime error name", /\b(?:Type|Reference|Range|Syntax|Internal)Error\b/],
  ["a JSON parser message", /Unexpected (?:token|end of JSON)|in JSON at position/],
  ["an AWS error", /\$metadata|ResourceNotFoundException|ValidationException|arn:aws/],
];

export interface Sent {
  method: string;
  /** The Origin header sent, if any. */
  origin: string | undefined;
}

/**
 * The api's promises for any request at all: no 5xx (no dependency is down here), every error a JSON
 * {code, message} with a code of the protocol and that code's status, JSON wherever there is a body, nothing of the server's
 * insides in it, and CORS that only ever names an allowed origin, never `*`. The problems, if any.
 */
export function checkApiResponse(sent: Sent, response: RawResponse, allowedOrigins: readonly string[]): string[] {
  const problems: string[] = [];
  const { status, headers, body } = response;
  if (status >= 500) problems.push(`status ${status}`);
  const leak = LEAKS.find(([, pattern]) => pattern.test(body));
  if (leak) problems.push(`body shows ${leak[0]}`);
  if (body !== "" && !/^application\/json\b/.test(String(headers["content-type"]))) {
    problems.push(`body of type ${headers["content-type"]}`);
  }
  // A HEAD answer has the headers of the GET's and no body.
  if (status >= 400 && sent.method !== "HEAD") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const { code, message, ...rest } = (parsed ?? {}) as Record<string, unknown>;
    if (!isErrorCode(code)) problems.push(`error code ${JSON.stringify(code)}`);
    else if (errorStatus(code) !== status) problems.push(`${code} with status ${status}`);
    if (typeof message !== "string" || message === "") problems.push("error without a message");
    if (Object.keys(rest).length > 0) problems.push(`error body with ${Object.keys(rest).join(", ")}`);
  }
  const allowOrigin = headers["access-control-allow-origin"];
  if (allowOrigin !== undefined) {
    if (allowOrigin === "*") problems.push("CORS allows any origin");
    else if (allowOrigin !== sent.origin || !allowedOrigins.includes(allowOrigin)) {
      problems.push(`CORS allows ${allowOrigin}`);
    }
  }
  return problems;
}
