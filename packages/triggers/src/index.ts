export { type CustomAuthEvent, createTriggers } from "./create-triggers.ts";
export { createTriggerDeps, type TriggerDeps } from "./deps.ts";
