import type { IncomingMessage, ServerResponse } from "node:http";
import { callerInfo } from "../caller.ts";
import { CognitoError } from "../cognito-error.ts";
import { operations } from "../operations/operation-table.ts";
import type { PoolContext } from "../pool-context.ts";
import { writeUsersFile } from "../users/users-file.ts";
import { applyCors } from "./cors.ts";
import { readJsonBody } from "./read-json-body.ts";
import { sendError, sendJson } from "./send.ts";
import { wellKnownDocument } from "./well-known.ts";

const targetPrefix = "AWSCognitoIdentityProviderService.";

/** POST / with X-Amz-Target, as the SDK calls every operation. */
async function runOperation(ctx: PoolContext, request: IncomingMessage): Promise<object> {
  // Read the body first, so that even a refused request leaves the keep-alive connection clean.
  const input = await readJsonBody(request);
  const target = String(request.headers["x-amz-target"] ?? "");
  const name = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : "";
  const operation = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (operation === undefined) {
    throw new CognitoError("UnknownOperationException", `Unknown operation ${target || "(none)"}.`);
  }
  const caller = callerInfo(request.headers);
  // Any signature will do: the emulator checks that admin calls are signed, not who signed them.
  if (operation.admin && !caller.signed) {
    throw new CognitoError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  return operation.run(ctx, input, caller);
}

export function createRequestHandler(ctx: PoolContext) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    applyCors(request, response);
    try {
      if (request.method === "OPTIONS") {
        response.writeHead(204).end();
      } else if (request.method === "GET") {
        const path = new URL(request.url ?? "/", "http://localhost").pathname;
        const document = wellKnownDocument(ctx, path);
        if (document === undefined) sendJson(response, 404, { message: "Not Found" }, "application/json");
        else sendJson(response, 200, document, "application/json");
      } else if (request.method === "POST") {
        const result = await runOperation(ctx, request);
        if (ctx.usersFile) writeUsersFile(ctx.usersFile, ctx.users);
        sendJson(response, 200, result);
      } else {
        sendJson(response, 405, { message: "Method Not Allowed" }, "application/json");
      }
    } catch (error) {
      sendError(response, error);
    }
  };
}
