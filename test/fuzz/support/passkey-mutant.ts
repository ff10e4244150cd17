import type { AuthenticationResponseJSON } from "@latchkey/core/passkeys";
import { b64json, fromB64json } from "./encoded-json.ts";
import { toJsonText } from "./json-text.ts";
import { type Mutant, mutateBytes, mutateText, reencode } from "./mutate-encoded.ts";
import { mutateJson } from "./mutate-json.ts";
import type { Random } from "./random.ts";

const PASSKEY_FIELDS = ["authenticatorData", "clientDataJSON", "signature", "userHandle"] as const;
type PasskeyField = (typeof PASSKEY_FIELDS)[number];

/**
 * Whether a verifier could accept this answer for the same credential: it carries the original's
 * credential ID, type, authenticator data, client data and signature, and its user handle or none.
 * Only the fields outside the signature (extension results, attachment, unknown keys) differ.
 */
function passkeyIntact(original: AuthenticationResponseJSON, answer: string): boolean {
  let parsed: AuthenticationResponseJSON;
  try {
    parsed = JSON.parse(answer);
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null || typeof parsed.response !== "object" || parsed.response === null)
    return false;
  const { response } = parsed;
  const handle = response.userHandle as unknown;
  return (
    parsed.id === original.id &&
    parsed.rawId === original.rawId &&
    parsed.type === original.type &&
    response.authenticatorData === original.response.authenticatorData &&
    response.clientDataJSON === original.response.clientDataJSON &&
    response.signature === original.response.signature &&
    (handle === original.response.userHandle || handle === undefined || handle === null || handle === "")
  );
}

function withField(answer: AuthenticationResponseJSON, field: PasskeyField, value: string): AuthenticationResponseJSON {
  return { ...answer, response: { ...answer.response, [field]: value } };
}

/** Changes of meaning inside the client data, written back as base64url: the signature covers its hash. */
function clientDataRewrite(random: Random, answer: AuthenticationResponseJSON, other: AuthenticationResponseJSON) {
  const data = fromB64json(answer.response.clientDataJSON);
  const otherData = fromB64json(other.response.clientDataJSON);
  const [label, changed] = random.pick<[string, Record<string, unknown>]>([
    ["keys reordered", Object.fromEntries(Object.entries(data).reverse())],
    ["another origin", { ...data, origin: "https://evil.example" }],
    ["registration type", { ...data, type: "webauthn.create" }],
    ["the other answer's challenge", { ...data, challenge: otherData.challenge }],
    ["cross-origin", { ...data, crossOrigin: true }],
    ["a top origin", { ...data, topOrigin: "https://evil.example" }],
    ["an extra member", { ...data, other_keys_can_be_added_here: "x" }],
  ]);
  return { label: `client data: ${label}`, answer: withField(answer, "clientDataJSON", b64json(changed)) };
}

/** Edits of the authenticator data that mean something: flags, counter, RP ID hash. */
function authenticatorDataEdit(random: Random, answer: AuthenticationResponseJSON) {
  const data = Buffer.from(answer.response.authenticatorData, "base64url");
  const [label, edit] = random.pick<[string, (bytes: Buffer) => void]>([
    ["user verified flag cleared", (b) => b.writeUInt8((b[32] ?? 0) & ~0x04, 32)],
    ["backup flags set", (b) => b.writeUInt8((b[32] ?? 0) | 0x18, 32)],
    ["attested data flag set", (b) => b.writeUInt8((b[32] ?? 0) | 0x40, 32)],
    ["extension data flag set", (b) => b.writeUInt8((b[32] ?? 0) | 0x80, 32)],
    ["counter raised", (b) => b.writeUInt32BE(b.readUInt32BE(33) + 1, 33)],
    ["counter at its maximum", (b) => b.writeUInt32BE(0xffffffff, 33)],
    ["another RP ID hash", (b) => b.fill(0xab, 0, 32)],
  ]);
  const edited = Buffer.from(data);
  edit(edited);
  return {
    label: `authenticator data: ${label}`,
    answer: withField(answer, "authenticatorData", edited.toString("base64url")),
  };
}

function fieldMutant(random: Random, answer: AuthenticationResponseJSON, other: AuthenticationResponseJSON) {
  const fields = PASSKEY_FIELDS.filter((field) => answer.response[field] !== undefined);
  const field = random.pick(fields);
  const value = answer.response[field] as string;
  const kind = random.int(6);
  if (kind === 0) return clientDataRewrite(random, answer, other);
  if (kind === 1) return authenticatorDataEdit(random, answer);
  if (kind === 2) {
    const again = reencode(random, value);
    return { label: `${field} ${again.label}`, answer: withField(answer, field, again.value) };
  }
  if (kind === 3) {
    const swapped = random.pick(fields.filter((f) => f !== field));
    const otherValue = other.response[field];
    return random.chance(0.5) && otherValue !== undefined && otherValue !== value
      ? { label: `${field} of the other answer`, answer: withField(answer, field, otherValue) }
      : {
          label: `${field} and ${swapped} swapped`,
          answer: withField(withField(answer, field, answer.response[swapped] as string), swapped, value),
        };
  }
  if (kind === 4) {
    return random.pick([
      { label: "the other credential's ID", answer: { ...answer, id: other.id, rawId: other.id } },
      { label: "rawId of the other credential", answer: { ...answer, rawId: other.id } },
      {
        label: "a random credential ID",
        answer: { ...answer, ...twice(Buffer.from(random.bytes(32)).toString("base64url")) },
      },
      { label: "credential ID bytes changed", answer: { ...answer, ...twice(mutateBytes(random, answer.id).value) } },
    ]);
  }
  const bytes = mutateBytes(random, value);
  return { label: `${field}: ${bytes.label}`, answer: withField(answer, field, bytes.value) };
}

const twice = (id: string) => ({ id, rawId: id });

/**
 * A passkey answer with at least one signed or checked field changed: authenticator data, client data,
 * signature, user handle or credential ID, byte by byte, in meaning, re-encoded, swapped with another
 * real answer's, or by structural changes and cuts of the JSON that leave it no longer intact.
 */
export function passkeyMutant(
  random: Random,
  answer: AuthenticationResponseJSON,
  other: AuthenticationResponseJSON,
): Mutant {
  const text = JSON.stringify(answer);
  for (let tries = 0; tries < 8; tries++) {
    const kind = random.int(10);
    let mutant: Mutant;
    if (kind < 7) {
      const changed = fieldMutant(random, answer, other);
      mutant = { label: changed.label, value: JSON.stringify(changed.answer) };
    } else if (kind < 9) {
      mutant = { label: "JSON mutated", value: toJsonText(mutateJson(random, answer)) };
    } else {
      mutant = mutateText(random, text);
    }
    if (!passkeyIntact(answer, mutant.value)) return mutant;
  }
  return { label: "cut in half", value: text.slice(0, text.length >> 1) };
}
