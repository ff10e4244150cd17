import { LatchkeyError } from "@latchkey/core";
import { validator } from "hono/validator";
import { credentialIdParam } from "../passkeys/schemas.ts";
import { type Infer, object, type Schema, string } from "../schema.ts";

/** A Cognito username as the API constrains it: 1 to 128 letters, marks, symbols, digits or punctuation. */
const username = string({ pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, patternMessage: "not a Cognito username" });

export const usernameParam = object({ username });

export const passkeyParam = object({ ...usernameParam.shape, ...credentialIdParam.shape });

/** The address to look a user up by, as typed; parseEmailAddress (INVALID_EMAIL) says whether it is one. */
export const emailQuery = object({ email: string({ max: 320 }) });

/** A query validator: anything that does not match the schema is a 400 BAD_REQUEST. */
export function queryParams<S extends Schema<unknown>>(schema: S) {
  return validator("query", (value) => {
    const result = schema.parse(value);
    if (!result.ok) throw new LatchkeyError("BAD_REQUEST", "Invalid query.");
    return result.value as Infer<S>;
  });
}
