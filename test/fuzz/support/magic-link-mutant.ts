import { b64json, fromB64json } from "./encoded-json.ts";
import { differing, type Mutant, mutateBytes, mutateText, reencode } from "./mutate-encoded.ts";
import type { Random } from "./random.ts";

/** A magic-link token (`payload.signature`) changed in one of the ways an attacker or a mangling mail client would. */
export function magicLinkMutant(random: Random, token: string, otherToken: string): Mutant {
  const [payload = "", signature = ""] = token.split(".");
  const [otherPayload = "", otherSignature = ""] = otherToken.split(".");
  const claims = fromB64json(payload);
  const rewritten: [string, Record<string, unknown>][] = [
    ["keys reordered", Object.fromEntries(Object.entries(claims).reverse())],
    ["another user", { ...claims, username: fromB64json(otherPayload).username }],
    ["later expiry", { ...claims, exp: (claims.exp as number) + 3600 }],
    ["earlier issue", { ...claims, iat: (claims.iat as number) - 1 }],
    ["another id", { ...claims, id: Buffer.from(random.bytes(16)).toString("base64url") }],
    ["another app client", { ...claims, audience: `${claims.audience}x` }],
    ["an extra claim", { ...claims, admin: true }],
  ];
  const kind = random.int(10);
  let mutant: Mutant;
  if (kind === 0) {
    const bytes = mutateBytes(random, payload);
    mutant = { label: `payload: ${bytes.label}`, value: `${bytes.value}.${signature}` };
  } else if (kind === 1) {
    const [label, changed] = random.pick(rewritten);
    mutant = { label: `payload rewritten: ${label}`, value: `${b64json(changed)}.${signature}` };
  } else if (kind === 2) {
    const again = reencode(random, payload);
    mutant = { label: `payload ${again.label}`, value: `${again.value}.${signature}` };
  } else if (kind === 3) {
    const bytes = mutateBytes(random, signature);
    mutant = { label: `signature: ${bytes.label}`, value: `${payload}.${bytes.value}` };
  } else if (kind === 4) {
    const again = reencode(random, signature);
    mutant = { label: `signature ${again.label}`, value: `${payload}.${again.value}` };
  } else if (kind === 5) {
    mutant = random.pick([
      { label: "the other link's signature", value: `${payload}.${otherSignature}` },
      { label: "the other link's payload", value: `${otherPayload}.${signature}` },
      { label: "parts swapped", value: `${signature}.${payload}` },
      { label: "signature twice", value: `${payload}.${signature}.${signature}` },
      { label: "an empty part", value: `${payload}..${signature}` },
      { label: "a leading dot", value: `.${token}` },
      { label: "no signature", value: `${payload}.` },
      { label: "payload only", value: payload },
    ]);
  } else if (kind === 6) {
    const at = random.int(token.length);
    mutant = { label: `cut at ${at}`, value: token.slice(0, at) };
  } else if (kind === 7) {
    const again = reencode(random, token);
    mutant = { label: `token ${again.label}`, value: again.value };
  } else if (kind === 8) {
    mutant = random.pick([
      { label: "the whole link", value: `http://localhost/blank.html#${token}` },
      { label: "with its fragment mark", value: `#${token}` },
      { label: "quoted", value: JSON.stringify(token) },
    ]);
  } else {
    mutant = mutateText(random, token);
  }
  return differing(token, mutant);
}
