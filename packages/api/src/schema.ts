/**
 * The api's input schemas: the few shapes its bodies, path parameters and queries take (objects of
 * strings, literals and options). Its own rather than a library's: bundled as the Lambda is, the same
 * schemas took 444 KB with zod (31-37 ms of CPU to import), 22 KB with zod/mini (7-11 ms), 6 KB with
 * valibot (3-6 ms, and worded otherwise) and 2 KB here (2-5 ms). Messages are worded as zod's were, so
 * error responses did not change. An object keeps only its shape's keys; the first failing check, in
 * shape order, is the issue.
 */

/** Where the input failed (keys from the top) and why. */
export interface Issue {
  path: string[];
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export interface Schema<T> {
  parse(value: unknown): Parsed<T>;
  /** Set by optional(): an object key may be absent. */
  readonly optional?: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>;
} & { [K in OptionalKeys<S>]?: Infer<S[K]> } extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string, path: string[] = []): Parsed<never> => ({ ok: false, issue: { path, message } });

/** A JSON value's kind, as the messages name it. */
const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

const expected = (kind: string, value: unknown) => `Invalid input: expected ${kind}, received ${kindOf(value)}`;

export interface StringRules {
  /** Leading and trailing white space removed before the other checks. */
  trim?: true;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** What a value that does not match `pattern` is told; default: the pattern itself. */
  patternMessage?: string;
}

/** A string, its length counted in UTF-16 code units (as `String.length` counts). */
export function string(rules: StringRules = {}): Schema<string> {
  const { min, max, pattern } = rules;
  return {
    parse(value) {
      if (typeof value !== "string") return fail(expected("string", value));
      const text = rules.trim ? value.trim() : value;
      if (min !== undefined && text.length < min) return fail(`Too small: expected string to have >=${min} characters`);
      if (max !== undefined && text.length > max) return fail(`Too big: expected string to have <=${max} characters`);
      if (pattern && !pattern.test(text))
        return fail(rules.patternMessage ?? `Invalid string: must match pattern ${pattern}`);
      return ok(text);
    },
  };
}

/** Exactly one of these strings. */
export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const wording =
    values.length === 1
      ? `Invalid input: expected ${JSON.stringify(values[0])}`
      : `Invalid option: expected one of ${values.map((v) => JSON.stringify(v)).join("|")}`;
  return { parse: (value) => (values.includes(value as string) ? ok(value as T[number]) : fail(wording)) };
}

/** Any value, turned into a T by `parse`, which returns undefined for a value it refuses. */
export function parsedBy<T>(parse: (value: unknown) => T | undefined, message: string): Schema<T> {
  return {
    parse(value) {
      const parsed = parse(value);
      return parsed === undefined ? fail(message) : ok(parsed);
    },
  };
}

/** The schema, or nothing: an absent key (or undefined) passes as undefined. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> & { optional: true } {
  return { optional: true, parse: (value) => (value === undefined ? ok(undefined) : schema.parse(value)) };
}

/** An object (not an array, not null) with these keys; other keys are dropped. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> & { shape: S } {
  return {
    shape,
    parse(value) {
      if (kindOf(value) !== "object") return fail(expected("object", value));
      const input = value as Record<string, unknown>;
      const output: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        // Own keys only: a key named like one of Object.prototype's is not on every body.
        const field = Object.hasOwn(input, key) ? input[key] : undefined;
        if (field === undefined && schema.optional) continue;
        const parsed = schema.parse(field);
        if (!parsed.ok) return fail(parsed.issue.message, [key, ...parsed.issue.path]);
        output[key] = parsed.value;
      }
      return ok(output as ObjectOf<S>);
    },
  };
}
