import { isIP } from "node:net";
import type { LocalStackPorts } from "./start-local-stack.ts";

/**
 * The terminal's line for a start that failed because a port is taken, naming the service and the
 * setting that moves it; undefined for any other failure.
 */
export function portInUseMessage(error: unknown, ports: Partial<LocalStackPorts>): string | undefined {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code !== "EADDRINUSE") return undefined;
  const service = Object.entries(ports).find(([, taken]) => taken === port)?.[0];
  if (service === undefined) return `port ${port} is in use: stop what holds it`;
  return `port ${port} (${service}) is in use: stop what holds it, or set LATCHKEY_LOCAL_${service.toUpperCase()}_PORT to another port (0 takes a free one)`;
}

/**
 * Origins on an IP address: sign-in by email works there, passkeys cannot (an RP ID is a domain name,
 * and the local one is localhost). One warning per such origin.
 */
export function originWarnings(origins: readonly string[]): string[] {
  return origins
    .filter((origin) => isIP(new URL(origin).hostname.replace(/^\[|\]$/g, "")) !== 0)
    .map((origin) => {
      const localhost = new URL(origin);
      localhost.hostname = "localhost";
      return `${origin}: passkeys do not work on an IP address; open ${localhost.origin} instead (email sign-in works on both)`;
    });
}
