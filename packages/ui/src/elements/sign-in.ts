import {
  isConditionalUiAvailable,
  isPasskeySupported,
  requestMagicLink,
  signInWithPasskey,
  toClientError,
} from "@latchkey/client";
import { alertBox, field, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage, isDismissal } from "../error-message.ts";
import { CheckEmailElement } from "./check-email.ts";

/**
 * `<latchkey-sign-in>`: the email field offers the browser's passkeys in its autofill menu, a button
 * signs in with a passkey and no typing (shown only where the browser has WebAuthn, cancellable, the
 * email form staying usable meanwhile), and the form emails a link and a code, then shows
 * `<latchkey-check-email>`. Attributes: `redirect-uri`, `level`. Events: `latchkey-signed-in` (detail
 * `{method}`), also from the check-email view.
 */
export class SignInElement extends KitElement {
  #email = "";

  protected start(signal: AbortSignal): void {
    this.#showForm(signal);
  }

  #showForm(signal: AbortSignal): void {
    const { t } = this;
    const alert = alertBox();
    const email = field({
      label: t.emailLabel,
      attributes: { type: "email", name: "email", autocomplete: "username webauthn", value: this.#email || undefined },
    });
    const send = h("button", { type: "submit", class: "lk-button lk-primary" }, t.sendLink);
    const form = h("form", { class: "lk-form", novalidate: true }, email.element, send);

    // The autofill offer, withdrawn while a passkey button ceremony runs and when the view goes.
    let offer: AbortController | undefined;
    const offerAutofill = async () => {
      if (signal.aborted || !(await isConditionalUiAvailable())) return;
      offer = new AbortController();
      const withdrawn = offer.signal;
      signal.addEventListener("abort", () => offer?.abort(), { once: true });
      try {
        await signInWithPasskey({ autofill: true, signal: withdrawn });
        this.emit("latchkey-signed-in", { method: "PASSKEY" });
      } catch (failure) {
        if (withdrawn.aborted || isDismissal(failure)) return;
        alert.set(errorMessage(failure, t, "passkey"), toClientError(failure).code);
        // Only a passkey that was picked and then refused is worth another offer; others would loop.
        if (toClientError(failure).code === "SIGN_IN_FAILED") void offerAutofill();
      }
    };

    let ceremony: AbortController | undefined;
    const passkey = h("button", { type: "button", class: "lk-button" }, t.passkeyButton);
    const cancel = h("button", { type: "button", class: "lk-button lk-link", hidden: true }, t.cancel);
    cancel.addEventListener("click", () => ceremony?.abort());
    passkey.addEventListener("click", async () => {
      alert.set(undefined);
      this.announce("");
      offer?.abort();
      ceremony = new AbortController();
      const { signal: cancelled } = ceremony;
      cancel.hidden = false;
      await whileBusy(passkey, t.passkeyWaiting, async () => {
        try {
          await signInWithPasskey({ signal: cancelled });
          this.emit("latchkey-signed-in", { method: "PASSKEY" });
        } catch (failure) {
          if (isDismissal(failure)) this.announce(t.passkeyCancelled);
          else alert.set(errorMessage(failure, t, "passkey"), toClientError(failure).code);
        }
      });
      cancel.hidden = true;
      if (!signal.aborted) void offerAutofill();
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      alert.set(undefined);
      const address = email.input.value.trim();
      if (!address) return email.setError(t.emailMissing);
      ceremony?.abort();
      await whileBusy(send, t.sending, async () => {
        try {
          await requestMagicLink({ email: address, locale: t.lang, ...this.#redirect() });
          this.#email = address;
          offer?.abort();
          this.#showCheckEmail(signal, address);
        } catch (failure) {
          const error = toClientError(failure);
          if (error.code === "INVALID_EMAIL") email.setError(errorMessage(error, t));
          else alert.set(errorMessage(error, t), error.code);
        }
      });
    });

    const passkeys = isPasskeySupported();
    this.show(
      h(
        "section",
        { class: "lk-card" },
        this.heading(t.signInTitle),
        h("p", { class: "lk-muted" }, t.signInIntro),
        form,
        passkeys && h("div", { class: "lk-divider" }, t.or),
        passkeys && h("div", { class: "lk-stack" }, passkey, cancel),
        alert.element,
      ),
    );
    void offerAutofill();
  }

  #showCheckEmail(signal: AbortSignal, email: string): void {
    const check = new CheckEmailElement();
    check.email = email;
    check.strings = this.strings;
    const redirect = this.#redirect().redirectUri;
    if (redirect) check.setAttribute("redirect-uri", redirect);
    const level = this.getAttribute("level");
    if (level) check.setAttribute("level", level);
    check.addEventListener("latchkey-back", () => this.#showForm(signal), { once: true });
    this.show(check);
  }

  #redirect(): { redirectUri?: string } {
    const redirectUri = this.getAttribute("redirect-uri");
    return redirectUri ? { redirectUri } : {};
  }
}
