/** Passkeys in tests: a software authenticator, the reference verifier, a test attestation chain, an AAGUID list. */
export * from "./aaguid-fixture.ts";
export * from "./reference-verify.ts";
export * from "./registered-credential.ts";
export * from "./soft-authenticator.ts";
export * from "./strangers-passkey.ts";
