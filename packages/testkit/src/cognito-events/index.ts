/** Cognito trigger events as Cognito sends them, recorded once as JSON and copied per test. */

export * from "./pre-token-generation-event.ts";
export * from "./verify-auth-challenge-event.ts";
