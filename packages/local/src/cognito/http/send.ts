import type { ServerResponse } from "node:http";
import { CognitoError } from "../cognito-error.ts";
import { newUuid } from "../random.ts";

export function sendJson(response: ServerResponse, status: number, body: unknown, type = "application/x-amz-json-1.1") {
  response.writeHead(status, { "Content-Type": type, "x-amzn-requestid": newUuid() });
  response.end(JSON.stringify(body));
}

/**
 * Errors in the awsJson1_1 shape the SDK parses: `__type` names the exception. Anything that isn't a
 * CognitoError is a bug here, reported as the service's InternalErrorException without details.
 */
export function sendError(response: ServerResponse, error: unknown) {
  if (error instanceof CognitoError) {
    response.setHeader("x-amzn-errortype", `${error.type}:`);
    sendJson(response, error.statusCode, { __type: error.type, message: error.message });
    return;
  }
  console.error("cognito emulator: internal error", error);
  sendJson(response, 500, { __type: "InternalErrorException", message: "An internal error occurred." });
}
