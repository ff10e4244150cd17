import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import type { Infer, Schema } from "../schema.ts";

/** A path-parameter validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function pathParams<S extends Schema<unknown>>(schema: S) {
  return validator("param", (value) => {
    const result = schema.parse(value);
    if (!result.ok) throw new LatchkeyError("BAD_REQUEST", "Invalid path parameter.");
    return result.value as Infer<S>;
  });
}
