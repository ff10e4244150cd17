import { routes } from "@latchkey/protocol";

/** Each route's path as a pattern: a `:name` parameter is one path segment. */
const patterns = Object.entries(routes).map(([name, route]) => ({
  name,
  method: route.method as string,
  path: new RegExp(`^${route.path.replace(/[.]/g, "\\.").replace(/:[a-zA-Z]+/g, "[^/]+")}$`),
}));

/**
 * What a request does, as its log line names it: the protocol's name of the route it calls
 * ("requestMagicLink"), "preflight" for a CORS preflight of one, "notFound" for any other.
 */
export function requestFlow(method: string, path: string): string {
  const matching = patterns.filter((route) => route.path.test(path));
  if (method === "OPTIONS" && matching.length > 0) return "preflight";
  return matching.find((route) => route.method === method)?.name ?? "notFound";
}
