import { getConfig } from "./config.ts";

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch milliseconds when the access and ID tokens expire. */
  expiresAt: number;
}

const KEY = "latchkey.tokens";

export function storeTokens(tokens: Tokens): void {
  getConfig().storage.setItem(KEY, JSON.stringify(tokens));
}

export function readTokens(): Tokens | undefined {
  const raw = getConfig().storage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Tokens;
  } catch {
    return undefined;
  }
}

export function clearTokens(): void {
  getConfig().storage.removeItem(KEY);
}

/** Cognito's AuthenticationResult as tokens; a refresh keeps the refresh token it was given. */
export function tokensFromResult(
  result: { IdToken?: string; AccessToken?: string; RefreshToken?: string; ExpiresIn?: number },
  previousRefreshToken?: string,
): Tokens {
  return {
    idToken: result.IdToken ?? "",
    accessToken: result.AccessToken ?? "",
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000,
  };
}
