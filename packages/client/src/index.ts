export type { SignInMethod } from "@latchkey/protocol";
export { apiFetch } from "./api-fetch.ts";
export { type ClientErrorCode, LatchkeyClientError } from "./errors.ts";
export { isConditionalCreateAvailable } from "./is-conditional-create-available.ts";
export { isConditionalUiAvailable } from "./is-conditional-ui-available.ts";
export { isPasskeySupported } from "./is-passkey-supported.ts";
export * from "./magic-links/index.ts";
export * from "./passkeys/index.ts";
export type { AuthState, AuthStatus } from "./session/auth-state.ts";
export type { LatchkeyClientConfig, TokenStorage } from "./session/config.ts";
export {
  configure,
  getAuthState,
  getFreshTokens,
  getTokens,
  getUser,
  refreshTokens,
  signOut,
  subscribe,
  trackBusy,
} from "./session/default-session.ts";
export { memoryStorage } from "./session/memory-storage.ts";
export { getSignInMethod } from "./session/sign-in-method.ts";
export type { Tokens } from "./session/tokens.ts";
export type { LatchkeyUser } from "./session/user.ts";
export { signInWithAnswer } from "./sign-in-with-answer.ts";
export * from "./sms/index.ts";
export * from "./step-up/index.ts";
export { toClientError } from "./to-client-error.ts";
