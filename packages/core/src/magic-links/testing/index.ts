export * from "./count-calls.ts";
export * from "./start-test-table.ts";
