export * from "./audit-event.ts";
export * from "./emit-audit-event.ts";
