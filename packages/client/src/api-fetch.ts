import { REQUEST_TIMEOUT_MS } from "./cognito.ts";
import { LatchkeyClientError } from "./errors.ts";
import { defaultSession } from "./session/default-session.ts";

type ApiInit = { method?: string; body?: unknown; auth?: boolean };

/**
 * A JSON request to the Latchkey api. With `auth`, the current access token goes along as a bearer
 * token, refreshed first if it is about to expire. Error bodies `{code, message}` become LatchkeyClientError with the api's code
 * (a 401 without one, from the gateway's token check, is UNAUTHORIZED).
 * An access token the api refuses (UNAUTHORIZED: revoked, signed out everywhere, or from a user pool
 * that has since restarted) is refreshed once and the request sent again; when it cannot be refreshed,
 * the session ends, so the app sees signed-out rather than a signed-in user whose every call fails.
 */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  if (!init.auth) return send(path, init, undefined);
  const session = defaultSession();
  // Refresh first when the access token is about to expire, rather than fail with 401.
  const tokens = await session.getFreshTokens();
  if (!tokens) throw new LatchkeyClientError("NOT_SIGNED_IN", "Sign in first.");
  try {
    return await send(path, init, tokens.accessToken);
  } catch (error) {
    if (!(error instanceof LatchkeyClientError && error.code === "UNAUTHORIZED")) throw error;
    const renewed = await session.refused(tokens.accessToken);
    if (!renewed) throw error;
    return send(path, init, renewed.accessToken);
  }
}

async function send<T>(path: string, init: ApiInit, accessToken: string | undefined): Promise<T> {
  const session = defaultSession();
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch(`${session.config.apiUrl}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new LatchkeyClientError("NETWORK_ERROR", "Could not reach the server.", { cause });
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("retry-after")) || undefined;
    // API Gateway's JWT authorizer refuses a bad or expired token before the api runs, with a body of its
    // own and no code: the same refusal as the api's UNAUTHORIZED, and refreshed the same way.
    const code = json.code ?? (response.status === 401 ? "UNAUTHORIZED" : "HTTP_ERROR");
    throw new LatchkeyClientError(code, json.message ?? `Request failed (${response.status}).`, {
      status: response.status,
      ...(retryAfter && { retryAfter }),
    });
  }
  return json as T;
}
