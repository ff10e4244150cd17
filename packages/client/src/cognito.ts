import { LatchkeyClientError } from "./errors.ts";

/**
 * A refusal by Cognito as a LatchkeyClientError: the messages that mean something specific to an app
 * get their own code; every other refusal is a failed sign-in.
 */
function fromCognitoError(type: string, message: string, status: number): LatchkeyClientError {
  if (message.startsWith("Invalid session for the user")) return new LatchkeyClientError("SESSION_EXPIRED", message);
  if (message === "User is disabled.") return new LatchkeyClientError("USER_DISABLED", message);
  if (type === "NotAuthorizedException") return new LatchkeyClientError("SIGN_IN_FAILED", message);
  // A trigger that threw: Latchkey's fail closed when DynamoDB or KMS fails. Not the user's doing.
  if (type === "UserLambdaValidationException" || type === "TooManyRequestsException" || status >= 500) {
    return new LatchkeyClientError("SERVICE_UNAVAILABLE", "Sign-in is unavailable right now; try again later.", {
      status,
    });
  }
  return new LatchkeyClientError(type || "COGNITO_ERROR", message, { status });
}

/** Requests that hang are given up after this, so a refresh lock or a sign-in never waits forever. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * One call to the Cognito user-pool JSON API. The browser speaks the protocol directly, so the client
 * carries no AWS SDK: the unauthenticated operations need no signature.
 */
export async function cognitoCall<T>(endpoint: string, operation: string, body: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new LatchkeyClientError("NETWORK_ERROR", "Could not reach the sign-in service.", { cause });
  }
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const type =
      String(json.__type ?? "")
        .split("#")
        .pop() ?? "";
    throw fromCognitoError(type, String(json.message ?? json.Message ?? "Sign-in failed."), response.status);
  }
  return json as T;
}
