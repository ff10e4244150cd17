import { memoryStorage } from "./memory-storage.ts";

/** A Storage-like place for tokens: localStorage (default), sessionStorage, or your own. */
export type TokenStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface LatchkeyClientConfig {
  cognito: { userPoolId: string; clientId: string; endpoint?: string };
  apiUrl: string;
  /** Where tokens live: "localStorage" (the default), "sessionStorage", "memory", or any Storage-like object. */
  storage?: TokenStorage | "localStorage" | "sessionStorage" | "memory";
  /**
   * "amplify" stores tokens under Amplify's keys (CognitoIdentityServiceProvider.<clientId>.<username>.*)
   * so an app that also uses Amplify shares the session; "latchkey" (the default) uses one key.
   */
  tokenKeys?: "latchkey" | "amplify";
  /** Refresh this many seconds before the tokens expire (default 120). */
  refreshMarginSeconds?: number;
  /** Refresh on a timer while signed in (default true); when false, only before a call needs a token. */
  autoRefresh?: boolean;
}

export interface ResolvedConfig {
  userPoolId: string;
  clientId: string;
  cognitoEndpoint: string;
  apiUrl: string;
  storage: TokenStorage;
  tokenKeys: "latchkey" | "amplify";
  refreshMarginMs: number;
  autoRefresh: boolean;
}

function resolveStorage(storage: LatchkeyClientConfig["storage"]): TokenStorage {
  if (typeof storage === "object") return storage;
  if (storage === "memory") return memoryStorage();
  // Outside a browser (server rendering, tests) there is no web storage: keep tokens in memory.
  return globalThis[storage ?? "localStorage"] ?? memoryStorage();
}

/** The config with its defaults filled in; reads the environment (web storage) only when called. */
export function resolveConfig(config: LatchkeyClientConfig): ResolvedConfig {
  // The region is the pool id's prefix: "eu-west-1_AbC" -> "eu-west-1".
  const region = config.cognito.userPoolId.split("_")[0];
  return {
    userPoolId: config.cognito.userPoolId,
    clientId: config.cognito.clientId,
    cognitoEndpoint: config.cognito.endpoint ?? `https://cognito-idp.${region}.amazonaws.com/`,
    apiUrl: config.apiUrl.replace(/\/$/, ""),
    storage: resolveStorage(config.storage),
    tokenKeys: config.tokenKeys ?? "latchkey",
    refreshMarginMs: (config.refreshMarginSeconds ?? 120) * 1000,
    autoRefresh: config.autoRefresh ?? true,
  };
}
