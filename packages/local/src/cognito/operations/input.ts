import { CognitoError, invalidParameter, nullMember } from "../cognito-error.ts";

/** A request body: the JSON object the SDK serialised from the command input. */
export type Input = Record<string, unknown>;

const memberName = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const serialization = (name: string) =>
  new CognitoError("SerializationException", `Unexpected value type for ${name}.`);

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serialization(name);
  return value;
}

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw nullMember(memberName(name));
  return value;
}

/** A JSON map of strings, such as ClientMetadata or AuthParameters. */
export function optionalStringMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) throw serialization(name);
  if (!Object.values(value).every((v) => typeof v === "string")) throw serialization(name);
  return { ...(value as Record<string, string>) };
}

/** A list of {Name, Value} pairs as a map, such as ValidationData. */
export function optionalNameValueMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization(name);
  const map: Record<string, string> = {};
  for (const item of value as Array<{ Name?: unknown; Value?: unknown }>) {
    if (typeof item?.Name !== "string") throw invalidParameter(`${name} entries need a Name.`);
    map[item.Name] = typeof item.Value === "string" ? item.Value : "";
  }
  return map;
}

export function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw serialization(name);
  return value as string[];
}
