import { getConfig } from "@latchkey/core";
import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";
import { createDeps } from "./create-deps.ts";

// Built once per cold start and reused by every invocation.
const app = createApp(createDeps(getConfig()));

export const handler = handle(app);
