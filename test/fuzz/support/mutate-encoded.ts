import type { Random } from "./random.ts";

/** A changed value and what was done to it, for the report of a failing case. */
export interface Mutant {
  label: string;
  value: string;
}

/** Never the real value itself: a mutant that happens to equal it is changed once more. */
export function differing(original: string, mutant: Mutant): Mutant {
  return mutant.value === original ? { label: `${mutant.label}, doubled`, value: original + original } : mutant;
}

const decode = (value: string) => Buffer.from(value, "base64url");
const encode = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/**
 * Changes to the bytes a base64url field carries, written back canonically: the bytes always differ
 * from the original's, so whatever was signed over them no longer matches.
 */
export function mutateBytes(random: Random, value: string): Mutant {
  const bytes = decode(value);
  const kind = bytes.length === 0 ? 2 : random.int(6);
  if (kind === 0) {
    const flipped = Buffer.from(bytes);
    const bit = random.int(bytes.length * 8);
    flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
    return { label: `bit ${bit} flipped`, value: encode(flipped) };
  }
  if (kind === 1) {
    const keep = random.int(bytes.length);
    return { label: `truncated to ${keep} bytes`, value: encode(bytes.subarray(0, keep)) };
  }
  if (kind === 2) {
    const extra = random.bytes(1 + random.int(64));
    return { label: `${extra.length} bytes appended`, value: encode(Buffer.concat([bytes, extra])) };
  }
  if (kind === 3) {
    const drop = 1 + random.int(bytes.length);
    return { label: `first ${drop} bytes dropped`, value: encode(bytes.subarray(drop)) };
  }
  if (kind === 4) return { label: "random bytes of the same length", value: encode(random.bytes(bytes.length)) };
  return { label: "all zero bytes", value: encode(new Uint8Array(bytes.length)) };
}

/**
 * The same bytes, or text, written in a way a strict base64url reader refuses: the other alphabet,
 * padding, whitespace, percent-encoding, changed case. Never the original string; only printable
 * ASCII when it is to travel in an HTTP header.
 */
export function reencode(random: Random, value: string, options: { header?: boolean } = {}): Mutant {
  const candidates: Mutant[] = [
    { label: "standard base64 with padding", value: decode(value).toString("base64") },
    { label: "padded", value: `${value}${"=".repeat(1 + random.int(2))}` },
    { label: "surrounded by whitespace", value: ` ${value}\n` },
    { label: "line-wrapped", value: value.replace(/(.{16})/g, "$1\r\n") },
    { label: "percent-encoded", value: [...value].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("") },
    { label: "upper-cased", value: value.toUpperCase() },
    { label: "lower-cased", value: value.toLowerCase() },
    { label: "zero-width space inside", value: `${value.slice(0, 4)}\u200b${value.slice(4)}` },
  ];
  const sendable = (mutant: Mutant) => !options.header || /^[\x20-\x7e]*$/.test(mutant.value);
  const changed = candidates.filter((mutant) => mutant.value !== value && sendable(mutant));
  return changed.length > 0 ? random.pick(changed) : { label: "doubled", value: `${value}${value}` };
}

/** Cuts, repeats and splices of the text itself, at random places; a base64url value always reads differently. */
export function mutateText(random: Random, value: string): Mutant {
  const at = random.int(value.length + 1);
  const kind = random.int(4);
  if (kind === 0 && at < value.length) return { label: `cut at ${at}`, value: value.slice(0, at) };
  if (kind === 1 && at < value.length) {
    // Characters outside base64url: one inside it could leave the decoded bytes as they were.
    const replacement = random.pick([".", "=", "+", "/", "\u0000", "é", " "]);
    const char = value[at] === replacement ? "*" : replacement;
    return { label: `character ${at} replaced`, value: value.slice(0, at) + char + value.slice(at + 1) };
  }
  if (kind === 2) return { label: `"." inserted at ${at}`, value: `${value.slice(0, at)}.${value.slice(at)}` };
  return { label: "repeated", value: value + value.slice(0, 1 + random.int(Math.max(1, value.length))) };
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The same bytes in a non-canonical base64url spelling: the unused low bits of the last character set.
 * Lenient decoders (Node's Buffer among them) read it as the original. A length divisible by 4 has no
 * unused bits, and no such spelling.
 */
export function nonCanonical(value: string): string {
  const unusedBits = ({ 2: 4, 3: 2 } as Record<number, number>)[value.length % 4];
  if (!unusedBits) throw new Error(`${value.length} base64url characters have no unused bits`);
  const last = BASE64URL.indexOf(value.at(-1) ?? "");
  return value.slice(0, -1) + BASE64URL[last | 1];
}
