import { getConfig } from "./config.ts";
import { LatchkeyClientError } from "./errors.ts";

/** Cognito's messages that mean something specific to an app; everything else is a failed sign-in. */
function toClientError(type: string, message: string): LatchkeyClientError {
  if (message.startsWith("Invalid session for the user")) return new LatchkeyClientError("SESSION_EXPIRED", message);
  if (message === "User is disabled.") return new LatchkeyClientError("USER_DISABLED", message);
  if (type === "NotAuthorizedException" || type === "UserLambdaValidationException") {
    return new LatchkeyClientError("SIGN_IN_FAILED", message);
  }
  return new LatchkeyClientError(type || "COGNITO_ERROR", message);
}

/**
 * One call to the Cognito user-pool JSON API. The browser speaks the protocol directly, so the client
 * carries no AWS SDK: the unauthenticated operations need no signature.
 */
export async function cognitoCall<T>(operation: string, body: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(getConfig().cognitoEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
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
    throw toClientError(type, String(json.message ?? json.Message ?? "Sign-in failed."));
  }
  return json as T;
}
