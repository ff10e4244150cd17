import { Hono } from "hono";
import type { ApiDeps } from "../deps.ts";

export function magicLinkRoutes(_deps: ApiDeps) {
  return new Hono();
}
