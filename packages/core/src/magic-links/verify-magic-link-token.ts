import type { Signer } from "../ports.ts";
import { MAX_TOKEN_LENGTH, type MagicLinkPayload, signedBytes } from "./magic-link-token.ts";
import { LINK_SLOTS } from "./store/link-record.ts";

export interface ExpectedLink {
  audience: string;
  username: string;
  nowSeconds: number;
}

export type TokenCheck = { ok: true; payload: MagicLinkPayload } | { ok: false; reason: string };

const TOKEN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;
/** Clock skew tolerated between the api that issued a link and the trigger that redeems it. */
const SKEW_SECONDS = 60;
/** No link lives longer than a day, whatever a (mis)configured issuer wrote into it. */
const MAX_LIFETIME_SECONDS = 86_400;

function decodePayload(encoded: string): MagicLinkPayload | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    if (typeof value !== "object" || value === null) return undefined;
    const { username, audience, iat, exp, id, slot, address, account } = value as Record<string, unknown>;
    if (typeof username !== "string" || typeof audience !== "string" || typeof id !== "string") return undefined;
    if (typeof address !== "string" || address === "") return undefined;
    if (!Number.isInteger(iat) || !Number.isInteger(exp)) return undefined;
    if (!Number.isInteger(slot) || (slot as number) < 0 || (slot as number) >= LINK_SLOTS) return undefined;
    const shown = typeof account === "string" ? account : "";
    const times = { iat: iat as number, exp: exp as number };
    return { username, audience, ...times, id, slot: slot as number, address, account: shown };
  } catch {
    return undefined;
  }
}

/** Checks a magic-link token completely except its single use, which the store enforces. */
export async function verifyMagicLinkToken(signer: Signer, token: string, expected: ExpectedLink): Promise<TokenCheck> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: "token too long" };
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: "malformed token" };
  const payload = decodePayload(match[1]);
  if (!payload) return { ok: false, reason: "malformed payload" };
  // A signer that cannot get its key (KMS failing) throws: a dependency's failure, not a bad link.
  if (!(await signer.verify(signedBytes(match[1]), Buffer.from(match[2], "base64url")))) {
    return { ok: false, reason: "bad signature" };
  }
  if (payload.audience !== expected.audience) return { ok: false, reason: "wrong audience" };
  if (payload.username !== expected.username) return { ok: false, reason: "wrong user" };
  if (payload.iat > expected.nowSeconds + SKEW_SECONDS) return { ok: false, reason: "issued in the future" };
  if (payload.exp - payload.iat > MAX_LIFETIME_SECONDS) return { ok: false, reason: "lifetime too long" };
  if (payload.exp <= expected.nowSeconds) return { ok: false, reason: "expired" };
  if (payload.id.length < 22) return { ok: false, reason: "id too short" };
  return { ok: true, payload };
}
