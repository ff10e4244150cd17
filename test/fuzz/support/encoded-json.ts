/** JSON as tokens and client data carry it: base64url of its UTF-8 text. */
export const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export const fromB64json = (value: string) =>
  JSON.parse(Buffer.from(value, "base64url").toString()) as Record<string, unknown>;
