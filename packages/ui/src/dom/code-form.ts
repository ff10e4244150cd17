import { toClientError } from "@latchkey/client";
import { errorMessage } from "../error-message.ts";
import type { Strings } from "../i18n/strings.ts";
import { codeField } from "./code-field.ts";
import { alertBox, whileBusy } from "./field.ts";
import { h } from "./h.ts";

/** Wrong guesses a code takes in the browser that asked for it, the right one among them (as the api). */
const TRIES = 3;

/**
 * The code form of the check-email and text screens: the six-digit field, which submits itself; a wrong
 * code says how many tries are left (counted here), anything else goes to the alert in words.
 * `restart()` is for a new code: its tries and no error.
 */
export function codeForm(
  t: Strings,
  options: {
    redeem(code: string): Promise<unknown>;
    signedIn(): void;
    /** The field's words for fewer than six digits, and for a code with no tries left. */
    incomplete: string;
    noTriesLeft: string;
  },
) {
  let triesLeft = TRIES;
  const alert = alertBox();
  const submit = h("button", { type: "submit", class: "lk-button lk-primary" }, t.codeSubmit);
  const code = codeField(t, () => form.requestSubmit());
  const form = h("form", { class: "lk-form", novalidate: true }, code.element, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    alert.set(undefined);
    if (code.input.value.length !== 6) return code.setError(options.incomplete);
    if (triesLeft === 0) return code.setError(options.noTriesLeft);
    await whileBusy(submit, t.codeChecking, async () => {
      try {
        await options.redeem(code.input.value);
        options.signedIn();
      } catch (failure) {
        const error = toClientError(failure);
        if (error.code !== "SIGN_IN_FAILED") return alert.set(errorMessage(error, t, "code"), error.code);
        triesLeft--;
        code.setError(triesLeft > 0 ? t.codeWrong(triesLeft) : options.noTriesLeft);
        code.input.select();
      }
    });
  });
  return {
    form,
    alert,
    restart() {
      triesLeft = TRIES;
      code.setError(undefined);
    },
  };
}
