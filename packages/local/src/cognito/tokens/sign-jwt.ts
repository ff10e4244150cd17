import { sign, verify } from "node:crypto";
import type { SigningKey } from "./signing-key.ts";

export type JwtPayload = Record<string, unknown>;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** RS256 with Cognito's header: only kid and alg. */
export function signJwt(key: SigningKey, payload: JwtPayload): string {
  const signingInput = `${encode({ kid: key.kid, alg: "RS256" })}.${encode(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), key.privateKey).toString("base64url");
  return `${signingInput}.${signature}`;
}

/** The payload of a token this key signed, or undefined for anything else (malformed, forged, other key). */
export function verifyJwt(key: SigningKey, token: string): JwtPayload | undefined {
  const [header, payload, signature, ...extra] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined || extra.length > 0) return undefined;
  try {
    const { alg, kid } = JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
    if (alg !== "RS256" || kid !== key.kid) return undefined;
    const valid = verify(
      "sha256",
      Buffer.from(`${header}.${payload}`),
      key.publicKey,
      Buffer.from(signature, "base64url"),
    );
    if (!valid) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as JwtPayload) : undefined;
  } catch {
    return undefined;
  }
}
