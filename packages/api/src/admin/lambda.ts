import { parseAdminConfig } from "@latchkey/core/admin";
import { handle } from "hono/aws-lambda";
import { createAdminApp } from "./app.ts";
import { createAdminDeps } from "./create-admin-deps.ts";

// Built once per cold start and reused by every invocation.
const app = createAdminApp(createAdminDeps(parseAdminConfig(process.env)));

export const handler = handle(app);
