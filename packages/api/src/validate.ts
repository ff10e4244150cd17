import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import type { Infer, Schema } from "./schema.ts";

/** A JSON body validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function jsonBody<S extends Schema<unknown>>(schema: S) {
  return validator("json", (value) => {
    const result = schema.parse(value);
    if (!result.ok) {
      const { path, message } = result.issue;
      const where = path.length ? `${path.join(".")}: ` : "";
      throw new LatchkeyError("BAD_REQUEST", `Invalid request body. ${where}${message}`.trim());
    }
    return result.value as Infer<S>;
  });
}
