export type { SignInMethod } from "@latchkey/protocol";
export { apiFetch } from "./api-fetch.ts";
export { type AuthState, type AuthStatus, getAuthState, subscribe, trackBusy } from "./auth-state.ts";
export { configure, type LatchkeyClientConfig, type TokenStorage } from "./config.ts";
export { type ClientErrorCode, LatchkeyClientError } from "./errors.ts";
export { isConditionalUiAvailable } from "./is-conditional-ui-available.ts";
export { isPasskeySupported } from "./is-passkey-supported.ts";
export * from "./magic-links/index.ts";
export { memoryStorage } from "./memory-storage.ts";
export * from "./passkeys/index.ts";
export { getFreshTokens, refreshTokens } from "./refresh-tokens.ts";

import "./session.ts";

export { signInWithAnswer } from "./sign-in-with-answer.ts";
export { signOut } from "./sign-out.ts";
export { toClientError } from "./to-client-error.ts";
export { readTokens as getTokens, type Tokens } from "./tokens.ts";
export { getUser, type LatchkeyUser } from "./user.ts";
