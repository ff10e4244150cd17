import { Hono } from "hono";
import type { ApiDeps } from "../deps.ts";

export function passkeyRoutes(_deps: ApiDeps) {
  return new Hono();
}
