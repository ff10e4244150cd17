/** Registrations and sign-ins captured from real authenticators, with the site each was made for. */
export * from "./captured-fixtures.ts";
