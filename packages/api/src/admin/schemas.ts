import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import { z } from "zod";
import { credentialIdParam } from "../passkeys/schemas.ts";

/** A Cognito username as the API constrains it: 1 to 128 letters, marks, symbols, digits or punctuation. */
const username = z.string().regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, "not a Cognito username");

export const usernameParam = z.object({ username });

export const passkeyParam = usernameParam.extend(credentialIdParam.shape);

/** The address to look a user up by, as typed; parseEmailAddress (INVALID_EMAIL) says whether it is one. */
export const emailQuery = z.object({ email: z.string().max(320) });

/** A query validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function queryParams<T extends z.ZodType>(schema: T) {
  return validator("query", (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new LatchkeyError("BAD_REQUEST", "Invalid query.");
    return result.data as z.infer<T>;
  });
}
