export * from "./ed25519-signer.ts";
export * from "./kms-signer.ts";
