import { LatchkeyClientError } from "./errors.ts";

/** A Storage-like place for tokens: localStorage (default), sessionStorage, or your own. */
export type TokenStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface LatchkeyClientConfig {
  cognito: { userPoolId: string; clientId: string; endpoint?: string };
  apiUrl: string;
  storage?: TokenStorage;
}

export interface ResolvedConfig {
  userPoolId: string;
  clientId: string;
  cognitoEndpoint: string;
  apiUrl: string;
  storage: TokenStorage;
}

let current: ResolvedConfig | undefined;

export function configure(config: LatchkeyClientConfig): void {
  // The region is the pool id's prefix: "eu-west-1_AbC" -> "eu-west-1".
  const region = config.cognito.userPoolId.split("_")[0];
  current = {
    userPoolId: config.cognito.userPoolId,
    clientId: config.cognito.clientId,
    cognitoEndpoint: config.cognito.endpoint ?? `https://cognito-idp.${region}.amazonaws.com/`,
    apiUrl: config.apiUrl.replace(/\/$/, ""),
    storage: config.storage ?? globalThis.localStorage,
  };
}

export function getConfig(): ResolvedConfig {
  if (!current) throw new LatchkeyClientError("NOT_CONFIGURED", "Call configure() first.");
  return current;
}
