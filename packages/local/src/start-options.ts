import { resolve } from "node:path";
import type { LocalStackOptions, LocalStackPorts } from "./start-local-stack.ts";

const DEFAULT_PORTS: LocalStackPorts = {
  app: 3000,
  api: 3001,
  admin: 3002,
  cognito: 9229,
  dynamodb: 8000,
  ses: 8005,
  sms: 8006,
  events: 8007,
};

export interface StartOptions extends LocalStackOptions {
  stateFile: string;
  /** `--help`: print the usage and start nothing. */
  help?: true;
}

export const USAGE = `Usage: latchkey-local [options]

Starts Latchkey's local stack: a Cognito emulator with the triggers wired, DynamoDB (dynalite), an SES
inbox, an SMS outbox, an EventBridge bus for the audit events, the api and the admin API (SigV4, access
key "local", secret "local"), on loopback. Its coordinates go to .local-stack.json in the current directory.

Options:
  --origin <url>        an origin your app runs on (repeatable), e.g. http://localhost:5173
  --set NAME=VALUE      a LATCHKEY_* setting (repeatable), e.g. --set LATCHKEY_ALLOW_SIGN_UP=true
  --demo <dir>          serve a demo app's public/ files and src/main.tsx on the app port
  --help                print this and exit

Environment:
  LATCHKEY_LOCAL_ORIGINS        comma-separated origins, as --origin
  LATCHKEY_LOCAL_<NAME>_PORT    APP (3000), API (3001), ADMIN (3002), COGNITO (9229), DYNAMODB (8000),
                                SES (8005), SMS (8006), EVENTS (8007)
  LATCHKEY_LOCAL_STATE_FILE     where the coordinates go instead of ./.local-stack.json
  LATCHKEY_LOCAL_DATA_DIR       a directory that keeps DynamoDB data and the pool's users between runs
  LATCHKEY_*                    any other setting of the api and triggers, as --set
`;

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

const isLatchkeySetting = (name: string) => name.startsWith("LATCHKEY_") && !name.startsWith("LATCHKEY_LOCAL_");

function parseSetting(value: string): [string, string] {
  const at = value.indexOf("=");
  const name = value.slice(0, at);
  if (at < 0 || !isLatchkeySetting(name)) {
    throw new StartOptionsError(`--set ${value}: give a LATCHKEY_* setting as NAME=VALUE, e.g. LATCHKEY_RP_NAME=Mine`);
  }
  return [name, value.slice(at + 1)];
}

/** `--name value` and `--name=value` alike; flags without a value are `--help` alone. */
function* flags(argv: string[]): Generator<[string, string]> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const at = arg.indexOf("=");
    if (arg === "--help" || arg === "-h") yield ["--help", ""];
    else if (arg.startsWith("--") && at > 0) yield [arg.slice(0, at), arg.slice(at + 1)];
    else yield [arg, argv[++i] ?? ""];
  }
}

/**
 * The start command's settings: `--origin <url>` (repeatable) and LATCHKEY_LOCAL_ORIGINS (comma-separated)
 * add origins your own app runs on; LATCHKEY_LOCAL_*_PORT, _DATA_DIR and _STATE_FILE place the stack; every
 * other LATCHKEY_* variable, and each `--set NAME=VALUE` after them, overrides the api's and triggers' local
 * config, as it would in AWS. Paths are taken from the current directory.
 */
export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv, defaultStateFile: string): StartOptions {
  const origins = (env.LATCHKEY_LOCAL_ORIGINS ?? "").split(",").filter(Boolean).map(parseOrigin);
  const settings: [string, string][] = [];
  let demo: string | undefined;
  for (const [flag, value] of flags(argv)) {
    if (flag === "--help") return { stateFile: defaultStateFile, help: true };
    if (flag === "--origin") origins.push(parseOrigin(value));
    else if (flag === "--set") settings.push(parseSetting(value));
    else if (flag === "--demo" && value) demo = resolve(value);
    else if (flag === "--demo") throw new StartOptionsError("--demo: give the demo app's directory");
    else throw new StartOptionsError(`unknown option ${flag} (see --help)`);
  }
  const ports = { ...DEFAULT_PORTS };
  for (const name of Object.keys(ports) as (keyof LocalStackPorts)[]) {
    const key = `LATCHKEY_LOCAL_${name.toUpperCase()}_PORT`;
    const raw = env[key];
    if (raw) ports[name] = parsePort(key, raw);
  }
  const overrides = Object.fromEntries([
    ...Object.entries(env).filter((entry): entry is [string, string] => isLatchkeySetting(entry[0])),
    ...settings,
  ]);
  return {
    ports,
    origins,
    env: overrides,
    stateFile: resolve(env.LATCHKEY_LOCAL_STATE_FILE ?? defaultStateFile),
    ...(env.LATCHKEY_LOCAL_DATA_DIR && { dataDir: resolve(env.LATCHKEY_LOCAL_DATA_DIR) }),
    ...(demo && { demo }),
  };
}
