import { amplifyTokenStore } from "./amplify-token-store.ts";
import type { ResolvedConfig } from "./config.ts";

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch milliseconds (this device's clock) when the access and ID tokens expire. */
  expiresAt: number;
}

/** How tokens are laid out in storage: one JSON item, or Amplify's keys. */
export interface TokenStore {
  read(): Tokens | undefined;
  write(tokens: Tokens): void;
  clear(): void;
  /** Whether a storage key belongs to this store (to follow other tabs' changes). */
  owns(key: string): boolean;
}

function latchkeyTokenStore({ storage, clientId }: ResolvedConfig): TokenStore {
  const key = `latchkey.${clientId}.tokens`;
  return {
    read() {
      const raw = storage.getItem(key);
      if (!raw) return undefined;
      try {
        const tokens = JSON.parse(raw) as Partial<Tokens>;
        if (!tokens.accessToken || !tokens.idToken || typeof tokens.expiresAt !== "number") return undefined;
        return tokens as Tokens;
      } catch {
        return undefined;
      }
    },
    write: (tokens) => storage.setItem(key, JSON.stringify(tokens)),
    clear: () => storage.removeItem(key),
    owns: (changed) => changed === key,
  };
}

/** The store that `config` names: Latchkey's own layout or Amplify's. */
export function tokenStoreFor(config: ResolvedConfig): TokenStore {
  return config.tokenKeys === "amplify" ? amplifyTokenStore(config) : latchkeyTokenStore(config);
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
