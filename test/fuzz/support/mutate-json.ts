import { type FuzzJson, RawJson, RepeatedKeys } from "./json-text.ts";
import { mutateBytes } from "./mutate-encoded.ts";
import { nastyString, nastyValue, POLLUTING_KEYS } from "./nasty-values.ts";
import type { Random } from "./random.ts";

type Container = FuzzJson[] | { [key: string]: FuzzJson };

const BASE64URL = /^[A-Za-z0-9_-]{16,}$/;
type Path = (string | number)[];

const isContainer = (value: FuzzJson): value is Container =>
  typeof value === "object" && value !== null && !(value instanceof RawJson) && !(value instanceof RepeatedKeys);

/** Every place in the value, the root included, as key paths. */
function paths(value: FuzzJson, at: Path = []): Path[] {
  if (!isContainer(value)) return [at];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((key) => paths((value as Record<string | number, FuzzJson>)[key] ?? null, [...at, key]))];
}

function get(root: FuzzJson, path: Path): FuzzJson {
  return path.reduce<FuzzJson>((node, key) => (node as Record<string | number, FuzzJson>)[key] ?? null, root);
}

/** Replaces the value at `path`; `undefined` removes it. */
function set(root: FuzzJson, path: Path, value: FuzzJson | undefined): FuzzJson {
  if (path.length === 0) return value ?? null;
  const parent = get(root, path.slice(0, -1)) as Container;
  const key = path.at(-1) as string | number;
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(key as number, 1);
    else parent[key as number] = value;
  } else if (value === undefined) delete parent[key];
  else parent[key] = value;
  return root;
}

/** One structural change somewhere in the value: what a sloppy or hostile client sends instead. */
function mutateOnce(random: Random, root: FuzzJson): FuzzJson {
  // Mostly a member: changing the whole body is the raw-body mutations' part.
  const all = paths(root);
  const path = all.length > 1 && random.chance(0.85) ? random.pick(all.slice(1)) : random.pick(all);
  const node = get(root, path);
  // Encoded binary (credential IDs, client data, attestation CBOR): other bytes, still well encoded.
  if (typeof node === "string" && BASE64URL.test(node) && random.chance(0.6))
    return set(root, path, mutateBytes(random, node).value);
  // Weighted towards new values in place: those get past the parsers to the checks behind them.
  switch (random.pick([0, 1, 2, 3, 4, 5, 5, 5, 6, 6])) {
    case 0:
      return path.length ? set(root, path, undefined) : {};
    case 1: {
      // The same key twice: which one wins must not matter for security.
      const parentPath = path.slice(0, -1);
      const parent = get(root, parentPath);
      const key = path.at(-1);
      if (typeof key !== "string" || !isContainer(parent) || Array.isArray(parent))
        return set(root, path, nastyValue(random));
      const entries = Object.entries(parent).flatMap(([k, v]): [string, FuzzJson][] =>
        k === key ? [random.chance(0.5) ? [k, nastyValue(random)] : [k, v], [k, v]] : [[k, v]],
      );
      return set(root, parentPath, new RepeatedKeys(entries));
    }
    case 2: {
      const target = isContainer(node) && !Array.isArray(node) ? path : path.slice(0, -1);
      const object = get(root, target);
      if (!isContainer(object) || Array.isArray(object)) return set(root, path, nastyValue(random));
      const key = random.chance(0.8) ? random.pick(POLLUTING_KEYS) : nastyString(random);
      const value = random.chance(0.5) ? { admin: true, isAdmin: true, username: "admin" } : nastyValue(random);
      return set(root, target, new RepeatedKeys([[key, value], ...Object.entries(object)]));
    }
    case 3:
      return set(root, path, random.chance(0.5) ? [node] : { value: node });
    case 4:
      return set(root, path, JSON.stringify(node instanceof RawJson || node instanceof RepeatedKeys ? null : node));
    case 5:
      return set(root, path, nastyString(random));
    default:
      return set(root, path, nastyValue(random));
  }
}

/** A mutant of a valid JSON body: one to three structural changes. */
export function mutateJson(random: Random, valid: unknown): FuzzJson {
  let value = structuredClone(valid) as FuzzJson;
  const changes = 1 + random.int(3);
  for (let i = 0; i < changes; i++) value = mutateOnce(random, value);
  return value;
}
