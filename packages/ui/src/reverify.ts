import {
  getUser,
  LatchkeyClientError,
  requestStepUpCode,
  type StepUpCodeMethod,
  type StepUpMethod,
  stepUpMethods,
  stepUpWithCode,
  stepUpWithPasskey,
  toClientError,
} from "@latchkey/client";
import { codeField } from "./dom/code-field.ts";
import { alertBox, whileBusy } from "./dom/field.ts";
import { h } from "./dom/h.ts";
import { errorMessage, isDismissal } from "./error-message.ts";
import { stringsFor } from "./i18n/locales.ts";
import type { Strings } from "./i18n/strings.ts";

export interface ReverifyOptions {
  strings?: Partial<Strings>;
  /**
   * The action being retried (e.g. "delete-passkey"): the step-up's tokens then count as a recent
   * sign-in for it alone. Latchkey's own routes name theirs in the protocol's route table.
   */
  action?: string;
}

/**
 * Runs a sensitive action (adding or deleting a passkey, or an app's own); when the api answers
 * RECENT_SIGN_IN_REQUIRED, a dialog asks the same user to prove it is them again (a step-up: their
 * passkey first, else a code by text to their verified number, else one by email, sent only to the
 * signed-in user) and then runs the action once
 * more: the task is not lost and nobody is signed out. Rejects with CANCELLED when the person closes
 * the dialog, and with the action's own failures.
 */
export async function reverify<T>(action: () => Promise<T>, options: ReverifyOptions = {}): Promise<T> {
  try {
    return await action();
  } catch (failure) {
    if (toClientError(failure).code !== "RECENT_SIGN_IN_REQUIRED") throw failure;
  }
  const t = stringsFor([document.documentElement.lang, ...(globalThis.navigator?.languages ?? [])], options.strings);
  await proveOnce(t, options.action);
  return action();
}

/** Dialogs under way, by action: actions refused at once for the same action share one; others wait their turn. */
const proving = new Map<string, Promise<void>>();
let latest: Promise<unknown> = Promise.resolve();

function proveOnce(t: Strings, action: string | undefined): Promise<void> {
  const key = action ?? "";
  let shared = proving.get(key);
  if (!shared) {
    shared = latest
      .catch(() => undefined)
      .then(() => proveAgain(t, action))
      .finally(() => proving.delete(key));
    proving.set(key, shared);
    latest = shared;
  }
  return shared;
}

/** The dialog; resolves once the user has stepped up, rejects with CANCELLED when closed. */
async function proveAgain(t: Strings, action: string | undefined): Promise<void> {
  const user = getUser();
  if (!user) throw new LatchkeyClientError("NOT_SIGNED_IN", "Sign in first.");
  // Should the passkey list fail, the codes are still offered.
  const methods = await stepUpMethods().catch((): StepUpMethod[] => [
    ...(user.phoneNumber && user.phoneNumberVerified ? (["SMS_CODE"] as const) : []),
    ...(user.email ? (["EMAIL_CODE"] as const) : []),
  ]);
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

    // The best method is the primary button: a passkey when there is one, else the code.
    const kind = (method: StepUpMethod) => (method === methods[0] ? "lk-button lk-primary" : "lk-button");
    const passkey = h("button", { type: "button", class: kind("PASSKEY") }, t.reverifyPasskey);
    passkey.addEventListener("click", () =>
      whileBusy(passkey, t.passkeyWaiting, async () => {
        alert.set(undefined);
        try {
          await stepUpWithPasskey({ ...(action && { action }) });
          proven();
        } catch (failure) {
          if (isDismissal(failure)) status.textContent = t.errors.CANCELLED;
          else alert.set(errorMessage(failure, t, "passkey"), toClientError(failure).code);
        }
      }),
    );
    /** A button that has a code sent by `method`, then asks for it. */
    const codeButton = (method: StepUpCodeMethod, label: string) => {
      const button = h("button", { type: "button", class: kind(method) }, label);
      button.addEventListener("click", () =>
        whileBusy(button, t.sending, async () => {
          alert.set(undefined);
          try {
            await requestStepUpCode({ method, locale: t.lang });
            showCode(method);
          } catch (failure) {
            alert.set(errorMessage(failure, t), toClientError(failure).code);
          }
        }),
      );
      return button;
    };
    const buttons: Record<StepUpMethod, HTMLElement> = {
      PASSKEY: passkey,
      SMS_CODE: codeButton("SMS_CODE", t.reverifySms),
      EMAIL_CODE: codeButton("EMAIL_CODE", t.reverifyEmail),
    };
    const showCode = (method: StepUpCodeMethod) => {
      const texted = method === "SMS_CODE";
      const submit = h("button", { type: "submit", class: "lk-button lk-primary" }, t.codeSubmit);
      const code = codeField(t, () => form.requestSubmit());
      const form = h("form", { class: "lk-form", novalidate: true }, code.element, submit);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (code.input.value.length !== 6) return code.setError(texted ? t.smsCodeIncomplete : t.codeIncomplete);
        await whileBusy(submit, t.codeChecking, async () => {
          try {
            await stepUpWithCode({ code: code.input.value, method, ...(action && { action }) });
            proven();
          } catch (failure) {
            code.setError(errorMessage(failure, t, "code"));
            code.input.select();
          }
        });
      });
      const sent = texted ? t.reverifySmsSent(user.phoneNumber ?? "") : t.reverifyCodeSent(user.email ?? "");
      body.replaceChildren(h("p", {}, sent), form);
      code.input.focus();
    };

    for (const method of methods) body.append(buttons[method]);
    if (methods.length === 0) alert.set(t.errors.STEP_UP_METHOD_UNAVAILABLE, "STEP_UP_METHOD_UNAVAILABLE");
    document.body.append(dialog);
    dialog.showModal();
    heading.focus();
  });
}
