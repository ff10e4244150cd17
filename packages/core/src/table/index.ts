export * from "./create-table-input.ts";
export * from "./is-condition-failure.ts";
export * from "./item-keys.ts";
export * from "./table-schema.ts";
