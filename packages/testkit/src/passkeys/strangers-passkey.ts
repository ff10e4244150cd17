import { randomBytes } from "node:crypto";

const b64 = (bytes: number) => randomBytes(bytes).toString("base64url");

/**
 * A well-formed passkey answer (the JSON of an AuthenticationResponseJSON) for a credential nobody
 * registered, with random data in every field: what a wrong passkey answer looks like.
 */
export function strangersPasskey(): string {
  const id = b64(32);
  return JSON.stringify({
    id,
    rawId: id,
    type: "public-key",
    response: { clientDataJSON: b64(120), authenticatorData: b64(37), signature: b64(70) },
    clientExtensionResults: {},
  });
}
