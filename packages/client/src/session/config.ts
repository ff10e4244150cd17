import { LatchkeyClientError } from "../errors.ts";
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
  /**
   * After a sign-in by email link, email code or texted code, ask the browser to make a passkey without
   * a prompt where it can (WebAuthn conditional create; see upgradeToPasskey). Default false.
   */
  passkeyUpgrade?: boolean;
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
  passkeyUpgrade: boolean;
}

function resolveStorage(storage: LatchkeyClientConfig["storage"]): TokenStorage {
  if (typeof storage === "object") return storage;
  if (storage === "memory") return memoryStorage();
  // Outside a browser (server rendering, tests) there is no web storage: keep tokens in memory.
  return globalThis[storage ?? "localStorage"] ?? memoryStorage();
}

// Cognito's own patterns for the two ids.
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]{1,128}$/;

function invalid(field: string, expected: string, value: unknown): never {
  throw new LatchkeyClientError(
    "NOT_CONFIGURED",
    `configure(): ${field} should be ${expected}, not ${JSON.stringify(value) ?? String(value)}.`,
  );
}

function checkUrl(field: string, value: unknown): void {
  if (typeof value !== "string" || !URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    invalid(field, "an http(s) URL", value);
  }
}

/** Refuses, naming the field, a config whose ids or URLs cannot be right (a typo, a missing env variable). */
function checkConfig(config: LatchkeyClientConfig): void {
  const { userPoolId, clientId, endpoint } = config.cognito ?? {};
  if (typeof userPoolId !== "string" || !USER_POOL_ID.test(userPoolId)) {
    invalid("cognito.userPoolId", "a user pool id like us-east-1_AbC123", userPoolId);
  }
  if (typeof clientId !== "string" || !CLIENT_ID.test(clientId)) {
    invalid("cognito.clientId", "an app client id", clientId);
  }
  if (endpoint !== undefined) checkUrl("cognito.endpoint", endpoint);
  checkUrl("apiUrl", config.apiUrl);
}

/** The config, checked, with its defaults filled in; reads the environment (web storage) only when called. */
export function resolveConfig(config: LatchkeyClientConfig): ResolvedConfig {
  checkConfig(config);
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
    passkeyUpgrade: config.passkeyUpgrade === true,
  };
}
