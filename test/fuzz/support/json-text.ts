/**
 * JSON bodies as a fuzzer writes them: any JSON value, plus what JSON.stringify cannot produce —
 * verbatim text (numbers out of range, lone surrogates) and objects with repeated keys.
 */
export type FuzzJson =
  | null
  | boolean
  | number
  | string
  | FuzzJson[]
  | { [key: string]: FuzzJson }
  | RawJson
  | RepeatedKeys;

/** Text spliced into the body as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object written with its entries in order, repeated keys included. */
export class RepeatedKeys {
  constructor(readonly entries: [string, FuzzJson][]) {}
}

export function toJsonText(value: FuzzJson): string {
  if (value instanceof RawJson) return value.text;
  if (value instanceof RepeatedKeys) return objectText(value.entries);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (typeof value === "object" && value !== null) return objectText(Object.entries(value));
  return JSON.stringify(value);
}

const objectText = (entries: [string, FuzzJson][]) =>
  `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(",")}}`;
