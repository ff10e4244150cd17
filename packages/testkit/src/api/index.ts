/** The api through app.request() over a test table, with two users and tokens as a port. */
export * from "./start-test-api.ts";
