import type { IncomingMessage, ServerResponse } from "node:http";

/** What the browser SDKs send; any header a preflight asks for is allowed as well. */
const defaultAllowedHeaders = [
  "content-type",
  "x-amz-target",
  "x-amz-user-agent",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "authorization",
  "x-amz-date",
  "x-amz-content-sha256",
  "x-amz-security-token",
].join(", ");

/** Browsers call InitiateAuth and RespondToAuthChallenge directly, from any origin, as with Cognito. */
export function applyCors(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.setHeader(
    "Access-Control-Allow-Headers",
    request.headers["access-control-request-headers"] ?? defaultAllowedHeaders,
  );
  response.setHeader("Access-Control-Expose-Headers", "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date");
  response.setHeader("Access-Control-Max-Age", "86400");
}
