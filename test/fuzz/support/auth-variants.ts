import { createHmac } from "node:crypto";
import { b64json, fromB64json } from "./encoded-json.ts";
import { mutateBytes, reencode } from "./mutate-encoded.ts";
import type { Random } from "./random.ts";

export interface Tokens {
  /** The caller's access token, valid. */
  accessToken: string;
  idToken: string;
  /** Another user's valid access token. */
  otherAccessToken: string;
}

/**
 * An Authorization header to send instead of the caller's own, and whom it may pass as: "caller" for
 * the caller's own token written differently (a lenient reader may take it), "other" for another user's
 * real token, "nobody" for everything else, which a protected route must refuse.
 */
export interface AuthVariant {
  label: string;
  /** undefined: no Authorization header. */
  header: string | undefined;
  as: "caller" | "other" | "nobody";
}

const parts = (token: string) => token.split(".") as [string, string, string];
const claims = (token: string) => fromB64json(parts(token)[1]);

/** The token with its payload claims changed and its signature kept: a forgery. */
function withClaims(token: string, change: Record<string, unknown>): string {
  const [header, , signature] = parts(token);
  const forged = `${header}.${b64json({ ...claims(token), ...change })}.${signature}`;
  if (forged === token) throw new Error(`changing ${Object.keys(change)} changed nothing`);
  return forged;
}

function tamperedTokens(random: Random, tokens: Tokens): [string, string][] {
  const { accessToken, otherAccessToken, idToken } = tokens;
  const [header, payload, signature] = parts(accessToken);
  const other = claims(otherAccessToken);
  const now = Math.floor(Date.now() / 1000);
  const { auth_time: authTime } = claims(accessToken) as { auth_time: number };
  const hs256 = (body: string) => createHmac("sha256", "secret").update(body).digest("base64url");
  const noneHeader = b64json({ alg: "none", typ: "JWT" });
  const hsInput = `${b64json({ alg: "HS256", typ: "JWT" })}.${payload}`;
  const signatureMutant = mutateBytes(random, signature);
  const payloadMutant = mutateBytes(random, payload);
  const payloadReencoded = reencode(random, payload, { header: true });
  return [
    ["payload: another user's username", withClaims(accessToken, { username: other.username, sub: other.sub })],
    ["payload: a later auth_time", withClaims(accessToken, { auth_time: authTime + 1 })],
    ["payload: exp far ahead", withClaims(accessToken, { exp: now + 10 * 365 * 86400 })],
    ["payload: token_use id", withClaims(accessToken, { token_use: "id" })],
    ["payload: another client_id", withClaims(accessToken, { client_id: "someotherclient000000000" })],
    ["payload: username as an array", withClaims(accessToken, { username: [other.username] })],
    [`payload bytes: ${payloadMutant.label}`, `${header}.${payloadMutant.value}.${signature}`],
    [`payload: ${payloadReencoded.label}`, `${header}.${payloadReencoded.value}.${signature}`],
    [`signature: ${signatureMutant.label}`, `${header}.${payload}.${signatureMutant.value}`],
    ["signature of the other user's token", `${header}.${payload}.${parts(otherAccessToken)[2]}`],
    ["alg none", `${noneHeader}.${payload}.`],
    ["alg none with a signature", `${noneHeader}.${payload}.${signature}`],
    ["alg HS256 keyed with a guess", `${hsInput}.${hs256(hsInput)}`],
    ["unknown kid", `${b64json({ kid: "no-such-key", alg: "RS256" })}.${payload}.${signature}`],
    ["header not JSON", `${Buffer.from("{").toString("base64url")}.${payload}.${signature}`],
    ["the ID token", idToken],
    ["parts swapped", `${payload}.${header}.${signature}`],
    ["four parts", `${accessToken}.${signature}`],
    ["two parts", `${header}.${payload}`],
    ["a.b.c", "a.b.c"],
    ["huge", `${header}.${"A".repeat(8000)}.${signature}`],
  ];
}

/** Every way of presenting (or not) an access token that a sloppy or hostile client tries. */
export function authVariant(random: Random, tokens: Tokens): AuthVariant {
  const token = tokens.accessToken;
  const refused: [string, string | undefined][] = [
    ["none", undefined],
    ["empty", ""],
    ["scheme only", "Bearer"],
    ["scheme and a space", "Bearer "],
    ["Basic", `Basic ${Buffer.from("admin:admin").toString("base64")}`],
    ["token with a suffix", `Bearer ${token}x`],
    ["token cut short", `Bearer ${token.slice(0, -2)}`],
  ];
  // The caller's own token, written as RFC 9110 allows or a lenient reader may take it.
  const rewritten: [string, string][] = [
    ["lower-case scheme", `bearer ${token}`],
    ["upper-case scheme", `BEARER ${token}`],
    ["two spaces", `Bearer  ${token}`],
    ["trailing space", `Bearer ${token} `],
    ["tab", `Bearer\t${token}`],
    ["no scheme", token],
    ["two tokens", `Bearer ${token}, Bearer ${tokens.otherAccessToken}`],
  ];
  const roll = random.int(20);
  if (roll < 3) return { label: "another user's token", header: `Bearer ${tokens.otherAccessToken}`, as: "other" };
  if (roll < 6) {
    const [label, header] = random.pick(rewritten);
    return { label, header, as: "caller" };
  }
  if (roll < 10) {
    const [label, header] = random.pick(refused);
    return { label, header, as: "nobody" };
  }
  const [label, forged] = random.pick(tamperedTokens(random, tokens));
  return { label, header: `Bearer ${forged}`, as: "nobody" };
}
