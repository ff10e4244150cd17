export * from "./test-config.ts";
