export * from "./account-refusal.ts";
export * from "./config.ts";
export * from "./errors.ts";
export * from "./is-service-outage.ts";
export * from "./log.ts";
export * from "./normalize-email.ts";
export * from "./ports.ts";
export * from "./table/index.ts";
