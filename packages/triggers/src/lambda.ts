import { getConfig } from "@latchkey/core";
import { createTriggers } from "./create-triggers.ts";
import { createTriggerDeps } from "./deps.ts";

// Dependencies are built once per cold start; verifiers load lazily per sign-in method.
export const handler = createTriggers(createTriggerDeps(getConfig())).handler;
