import { randomUUID } from "node:crypto";
import { type KnownCredential, verifySigV4 } from "../sigv4/verify-sigv4.ts";

interface FetchApp {
  fetch(request: Request, env: unknown): Response | Promise<Response>;
}

/**
 * What API Gateway does in front of the admin function, on loopback: every request's SigV4 signature
 * is checked (verifySigV4), a refused one answered 403 as API Gateway answers it, and an accepted one
 * handed to the admin app with the event's requestContext as the HTTP API's IAM authorizer fills it
 * (`authorizer.iam`), which is what the app checks and logs.
 */
export function adminGateway(
  app: FetchApp,
  options: { region: string; credentials: readonly KnownCredential[]; nowMs?: () => number },
) {
  const nowMs = options.nowMs ?? Date.now;
  return async (request: Request): Promise<Response> => {
    const body = new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    const verdict = await verifySigV4(
      { method: request.method, url, headers: request.headers, body },
      { region: options.region, service: "execute-api", credentials: options.credentials, nowMs: nowMs() },
    );
    if (!verdict.ok) {
      return Response.json(
        { message: verdict.message },
        { status: 403, headers: { "x-amzn-ErrorType": verdict.type } },
      );
    }
    const { accessKey, accountId, userArn } = verdict.caller;
    const iam = {
      accessKey,
      accountId,
      userArn,
      callerId: accessKey,
      userId: accessKey,
      principalOrgId: null,
      cognitoIdentity: null,
    };
    const forwarded = new Request(url, {
      method: request.method,
      headers: request.headers,
      ...(body.length > 0 && { body }),
    });
    return app.fetch(forwarded, { event: { requestContext: { requestId: randomUUID(), authorizer: { iam } } } });
  };
}
