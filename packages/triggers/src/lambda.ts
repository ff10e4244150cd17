import { getConfig } from "@latchkey/core";
import { createTriggers } from "./create-triggers.ts";

// The config is read and validated at cold start; the clients are built on the first Verify, because
// Define and Create (two of every three invocations) need none of them.
const config = getConfig();

export const handler = createTriggers(
  async () => (await import("./deps.ts")).createTriggerDeps(config),
  config,
).handler;
