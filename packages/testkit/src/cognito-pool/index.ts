/** The Cognito emulator with the smallest custom-auth triggers, for the client's token handling. */
export * from "./start-test-pool.ts";
