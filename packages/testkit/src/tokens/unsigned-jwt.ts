/** A JWT-shaped string with the given payload and no real signature: the client never verifies tokens. */
export function unsignedJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", kid: "test" })}.${encode(payload)}.c2ln`;
}
