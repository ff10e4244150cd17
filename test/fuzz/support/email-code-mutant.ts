import { differing, type Mutant } from "./mutate-encoded.ts";
import type { Random } from "./random.ts";

const DIGIT_SETS = [
  ["Arabic-Indic", 0x0660],
  ["full-width", 0xff10],
  ["Devanagari", 0x0966],
  ["mathematical bold", 0x1d7ce],
] as const;

/** The six digits of an email code, changed: other digits, other lengths, other spellings of the same number. */
export function emailCodeMutant(random: Random, code: string, otherCode: string): Mutant {
  const digits = [...code];
  const at = random.int(6);
  const otherDigit = String((Number(digits[at]) + 1 + random.int(9)) % 10);
  const [script, zero] = random.pick(DIGIT_SETS);
  const mutant = random.pick<Mutant>([
    { label: `digit ${at} changed`, value: code.slice(0, at) + otherDigit + code.slice(at + 1) },
    { label: "another user's code", value: otherCode },
    { label: "five digits", value: code.slice(0, 5) },
    { label: "seven digits", value: `${code}${random.int(10)}` },
    { label: "a leading zero", value: `0${code}` },
    { label: "spaces around", value: ` ${code} ` },
    { label: "a space inside", value: `${code.slice(0, 3)} ${code.slice(3)}` },
    { label: "a dash inside", value: `${code.slice(0, 3)}-${code.slice(3)}` },
    { label: `${script} digits`, value: digits.map((d) => String.fromCodePoint(zero + Number(d))).join("") },
    { label: "a plus sign", value: `+${code}` },
    { label: "a minus sign", value: `-${code}` },
    { label: "a decimal point", value: `${code}.0` },
    { label: "an exponent", value: `${Number(code) / 100000}e5` },
    { label: "hexadecimal", value: `0x${Number(code).toString(16)}` },
    { label: "quoted", value: JSON.stringify(code) },
    { label: "a NUL after", value: `${code}\u0000` },
    { label: "a zero-width space after", value: `${code}\u200b` },
    { label: "twice", value: code + code },
    { label: "all zeros", value: "000000" },
    { label: "all nines", value: "999999" },
    { label: "as a JSON array", value: `[${code}]` },
  ]);
  return differing(code, mutant);
}
