import type { Strings } from "../i18n/strings.ts";
import { type Field, field } from "./field.ts";

/**
 * The six-digit code input: digits only (a pasted "123 456" or "123-456" becomes "123456"), and the
 * form submits itself once all six are there, typed, pasted or filled in from the SMS/email autofill.
 */
export function codeField(t: Strings, onComplete: () => void): Field {
  const code = field({
    label: t.codeLabel,
    hint: t.codeHint,
    attributes: {
      class: "lk-input lk-code",
      name: "code",
      inputmode: "numeric",
      autocomplete: "one-time-code",
      enterkeyhint: "go",
      spellcheck: "false",
    },
  });
  code.input.addEventListener("input", () => {
    const digits = code.input.value.replace(/\D/g, "").slice(0, 6);
    if (digits !== code.input.value) code.input.value = digits;
    if (digits.length === 6) onComplete();
  });
  return code;
}
