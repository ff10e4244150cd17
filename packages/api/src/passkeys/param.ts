import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import type { z } from "zod";

/** A path-parameter validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function pathParams<T extends z.ZodType>(schema: T) {
  return validator("param", (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new LatchkeyError("BAD_REQUEST", "Invalid path parameter.");
    return result.data as z.infer<T>;
  });
}
