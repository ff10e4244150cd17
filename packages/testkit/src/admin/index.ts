/** The admin API through app.request() over a test table and the Cognito emulator, as IAM callers. */
export * from "./start-test-admin-api.ts";
