import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import type { z } from "zod";

/** A JSON body validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return validator("json", (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      throw new LatchkeyError("BAD_REQUEST", `Invalid request body. ${where}${issue?.message ?? ""}`.trim());
    }
    return result.data as z.infer<T>;
  });
}
