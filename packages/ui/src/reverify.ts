import {
  getUser,
  isPasskeySupported,
  LatchkeyClientError,
  requestMagicLink,
  signInWithCode,
  signInWithPasskey,
  toClientError,
} from "@latchkey/client";
import { codeField } from "./dom/code-field.ts";
import { alertBox, whileBusy } from "./dom/field.ts";
import { h } from "./dom/h.ts";
import { errorMessage, isDismissal } from "./error-message.ts";
import { stringsFor } from "./i18n/locales.ts";
import type { Strings } from "./i18n/strings.ts";

/**
 * Runs a sensitive action (adding or deleting a passkey, or an app's own); when the api answers
 * RECENT_SIGN_IN_REQUIRED, a dialog asks the same user to prove it is them again, with a passkey or a
 * code by email, and then runs the action once more: the task is not lost and nobody is signed out.
 * Rejects with CANCELLED when the person closes the dialog, and with the action's own failures.
 */
export async function reverify<T>(action: () => Promise<T>, options: { strings?: Partial<Strings> } = {}): Promise<T> {
  try {
    return await action();
  } catch (failure) {
    if (toClientError(failure).code !== "RECENT_SIGN_IN_REQUIRED") throw failure;
  }
  const t = stringsFor([document.documentElement.lang, ...(globalThis.navigator?.languages ?? [])], options.strings);
  // Two actions refused at once share one dialog.
  proving ??= proveAgain(t).finally(() => {
    proving = undefined;
  });
  await proving;
  return action();
}

let proving: Promise<void> | undefined;

/** The dialog; resolves once the user has signed in again, rejects with CANCELLED when closed. */
function proveAgain(t: Strings): Promise<void> {
  const user = getUser();
  if (!user) return Promise.reject(new LatchkeyClientError("NOT_SIGNED_IN", "Sign in first."));
  const opener = document.activeElement as HTMLElement | null;
  const dialog = h("dialog", { class: "lk lk-dialog", "aria-labelledby": "lk-reverify-title", lang: t.lang });
  const alert = alertBox();
  const heading = h("h2", { class: "lk-title", id: "lk-reverify-title", tabindex: -1 }, t.reverifyTitle);
  const body = h("div", { class: "lk-stack" });
  const close = h("button", { type: "button", class: "lk-button lk-link" }, t.cancel);
  const status = h("p", { class: "lk-status", role: "status" });
  dialog.append(
    heading,
    h("p", {}, t.reverifyIntro),
    body,
    alert.element,
    status,
    h("div", { class: "lk-actions" }, close),
  );

  return new Promise<void>((resolve, reject) => {
    const finish = (proven: boolean) => {
      dialog.close();
      dialog.remove();
      opener?.focus();
      if (proven) resolve();
      else reject(new LatchkeyClientError("CANCELLED", "Re-verification was cancelled."));
    };
    const proven = () => {
      status.textContent = t.reverifyDone;
      finish(true);
    };
    close.addEventListener("click", () => finish(false));
    // Escape closes a modal dialog: that is a cancel too.
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });

    const passkey = h("button", { type: "button", class: "lk-button lk-primary" }, t.reverifyPasskey);
    passkey.addEventListener("click", () =>
      whileBusy(passkey, t.passkeyWaiting, async () => {
        alert.set(undefined);
        try {
          await signInWithPasskey({ username: user.username });
          proven();
        } catch (failure) {
          if (isDismissal(failure)) status.textContent = t.errors.CANCELLED;
          else alert.set(errorMessage(failure, t, "passkey"), toClientError(failure).code);
        }
      }),
    );
    const email = h("button", { type: "button", class: "lk-button" }, t.reverifyEmail);
    email.addEventListener("click", () =>
      whileBusy(email, t.sending, async () => {
        alert.set(undefined);
        try {
          await requestMagicLink({ email: user.email ?? "", locale: t.lang });
          showCode();
        } catch (failure) {
          alert.set(errorMessage(failure, t), toClientError(failure).code);
        }
      }),
    );
    const showCode = () => {
      const submit = h("button", { type: "submit", class: "lk-button lk-primary" }, t.codeSubmit);
      const code = codeField(t, () => form.requestSubmit());
      const form = h("form", { class: "lk-form", novalidate: true }, code.element, submit);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (code.input.value.length !== 6) return code.setError(t.codeIncomplete);
        await whileBusy(submit, t.codeChecking, async () => {
          try {
            await signInWithCode({ email: user.email ?? "", code: code.input.value });
            proven();
          } catch (failure) {
            code.setError(errorMessage(failure, t, "code"));
            code.input.select();
          }
        });
      });
      body.replaceChildren(h("p", {}, t.reverifyCodeSent(user.email ?? "")), form);
      code.input.focus();
    };

    if (isPasskeySupported()) body.append(passkey);
    if (user.email) body.append(email);
    document.body.append(dialog);
    dialog.showModal();
    heading.focus();
  });
}
