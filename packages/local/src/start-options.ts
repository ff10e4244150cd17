import type { LocalStackOptions, LocalStackPorts } from "./start-local-stack.ts";

const DEFAULT_PORTS: LocalStackPorts = { app: 3000, api: 3001, cognito: 9229, dynamodb: 8000, ses: 8005 };

export interface StartOptions extends LocalStackOptions {
  stateFile: string;
}

/** Thrown for a flag or setting the start command cannot take; its message is for the terminal. */
export class StartOptionsError extends Error {
  override name = "StartOptionsError";
}

function parseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StartOptionsError(`--origin ${value}: not a URL (expected e.g. http://localhost:5173)`);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== value.replace(/\/$/, "")) {
    throw new StartOptionsError(`--origin ${value}: give an origin only, e.g. http://localhost:5173`);
  }
  return url.origin;
}

function parsePort(name: string, raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartOptionsError(`${name}=${raw}: not a port`);
  return port;
}

/**
 * The start command's settings: `--origin <url>` (repeatable) and LATCHKEY_LOCAL_ORIGINS (comma-separated)
 * add origins your own app runs on; LATCHKEY_LOCAL_*_PORT, _DATA_DIR and _STATE_FILE place the stack; every
 * other LATCHKEY_* variable overrides the api's and triggers' local config, as it would in AWS.
 */
export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv, defaultStateFile: string): StartOptions {
  const origins = (env.LATCHKEY_LOCAL_ORIGINS ?? "").split(",").filter(Boolean).map(parseOrigin);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--origin") origins.push(parseOrigin(argv[++i] ?? ""));
    else if (arg.startsWith("--origin=")) origins.push(parseOrigin(arg.slice("--origin=".length)));
    else throw new StartOptionsError(`unknown option ${arg} (the command takes --origin <url>)`);
  }
  const ports = { ...DEFAULT_PORTS };
  for (const name of Object.keys(ports) as (keyof LocalStackPorts)[]) {
    const key = `LATCHKEY_LOCAL_${name.toUpperCase()}_PORT`;
    const raw = env[key];
    if (raw) ports[name] = parsePort(key, raw);
  }
  const overrides = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[0].startsWith("LATCHKEY_") && !entry[0].startsWith("LATCHKEY_LOCAL_"),
    ),
  );
  return {
    ports,
    origins,
    env: overrides,
    stateFile: env.LATCHKEY_LOCAL_STATE_FILE ?? defaultStateFile,
    ...(env.LATCHKEY_LOCAL_DATA_DIR && { dataDir: env.LATCHKEY_LOCAL_DATA_DIR }),
  };
}
