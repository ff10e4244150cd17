export { apiFetch } from "./api-fetch.ts";
export { configure, type LatchkeyClientConfig, type TokenStorage } from "./config.ts";
export { type ClientErrorCode, LatchkeyClientError } from "./errors.ts";
export { type SignInMethod, signInWithAnswer } from "./sign-in-with-answer.ts";
export { signOut } from "./sign-out.ts";
export { readTokens as getTokens, type Tokens } from "./tokens.ts";
