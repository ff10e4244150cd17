/**
 * Passkeys: a WebAuthn policy, with registration over @simplewebauthn/server (loaded lazily) and sign-in
 * verified by our own checks over node:crypto, and the passkey items of the table. Importing this module
 * stays light.
 */
export * from "./aaguid-directory.ts";
export * from "./address-owner-hash.ts";
export * from "./authenticate-passkey.ts";
export { base64UrlLength, isBase64Url } from "./base64url.ts";
export * from "./create-authentication-options.ts";
export * from "./create-registration-options.ts";
export * from "./decoy-credentials.ts";
export * from "./issue-challenge.ts";
export * from "./open-challenge.ts";
export * from "./parse-friendly-name.ts";
export * from "./parse-response.ts";
export * from "./policy.ts";
export * from "./read-attestation-roots.ts";
export * from "./register-passkey.ts";
export * from "./select-rp-id.ts";
export * from "./store/index.ts";
export * from "./to-summary.ts";
export type * from "./types.ts";
export * from "./user-handle.ts";
export * from "./verify-assertion.ts";
export * from "./verify-registration.ts";
