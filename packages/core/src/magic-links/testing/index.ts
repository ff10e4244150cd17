export * from "./count-calls.ts";
export * from "./issue-test-link.ts";
export * from "./start-test-table.ts";
export * from "./test-link-context.ts";
