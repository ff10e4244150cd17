import { readFile } from "node:fs/promises";

export interface AuthenticatorInfo {
  name: string;
  iconLight: string | undefined;
  iconDark: string | undefined;
}

/** Names and icons of authenticator models by AAGUID; unknown is undefined, never an error. */
export interface AaguidDirectory {
  lookup(aaguid: string): Promise<AuthenticatorInfo | undefined>;
}

type Entries = Map<string, AuthenticatorInfo>;

export interface AaguidDirectoryOptions {
  /** How long a fetch of the list may take before names are given up on for this load. */
  timeoutMs?: number;
  /** How long a loaded list is reused. */
  refreshMs?: number;
  /** How long to wait after a failed load before trying again. */
  retryMs?: number;
  nowMs?: () => number;
}

/**
 * The community AAGUID list (`{aaguid: {name, icon_light, icon_dark}}`), loaded on first use from a URL
 * or a local file and cached. An empty source, a slow or unreachable URL, or a malformed list all mean
 * "unknown authenticator": passkeys work without names.
 */
export function aaguidDirectory(source: string, options: AaguidDirectoryOptions = {}): AaguidDirectory {
  const { timeoutMs = 2000, refreshMs = 24 * 3600_000, retryMs = 5 * 60_000, nowMs = Date.now } = options;
  let loaded: { entries: Promise<Entries>; until: number } | undefined;

  function entries(): Promise<Entries> {
    if (source === "") return Promise.resolve(new Map());
    if (loaded && nowMs() < loaded.until) return loaded.entries;
    const current = {
      until: Number.POSITIVE_INFINITY,
      entries: load(source, timeoutMs).then(
        (list) => {
          current.until = nowMs() + refreshMs;
          return list;
        },
        () => {
          current.until = nowMs() + retryMs;
          return new Map() as Entries;
        },
      ),
    };
    loaded = current;
    return current.entries;
  }

  return {
    async lookup(aaguid) {
      return (await entries()).get(aaguid.toLowerCase());
    },
  };
}

async function load(source: string, timeoutMs: number): Promise<Entries> {
  const text = /^https?:\/\//.test(source)
    ? await fetch(source, { signal: AbortSignal.timeout(timeoutMs) }).then((response) => {
        if (!response.ok) throw new Error(`AAGUID list: HTTP ${response.status}`);
        return response.text();
      })
    : await readFile(source.startsWith("file:") ? new URL(source) : source, "utf8");
  return parseList(JSON.parse(text));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Keeps well-formed entries only; icons must be inline images, so showing one fetches nothing. */
function parseList(list: unknown): Entries {
  const entries: Entries = new Map();
  if (typeof list !== "object" || list === null) return entries;
  for (const [aaguid, value] of Object.entries(list)) {
    const key = aaguid.toLowerCase();
    if (!UUID.test(key) || typeof value !== "object" || value === null) continue;
    const { name, icon_light, icon_dark } = value as Record<string, unknown>;
    if (typeof name !== "string" || name === "") continue;
    entries.set(key, { name: name.slice(0, 100), iconLight: icon(icon_light), iconDark: icon(icon_dark) });
  }
  return entries;
}

function icon(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("data:image/") ? value : undefined;
}
