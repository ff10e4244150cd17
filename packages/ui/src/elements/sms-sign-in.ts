import { requestSmsCode, signInWithSmsCode, toClientError } from "@latchkey/client";
import { codeForm } from "../dom/code-form.ts";
import { alertBox, field, whileBusy } from "../dom/field.ts";
import { h } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage } from "../error-message.ts";

/** Refusals that are about the number typed, shown at its field. */
const NUMBER_ERRORS = new Set(["INVALID_PHONE_NUMBER", "SMS_DESTINATION_NOT_ALLOWED"]);

/**
 * `<latchkey-sms-sign-in>`: a phone number (international format; spaces are fine), a text with a
 * 6-digit code, the code typed (or pasted, or filled in by the browser from the text) in this browser,
 * which submits itself. Wrong codes say how many tries are left; "Send a new code" replaces the code.
 * Attributes: `level`. Events: `latchkey-signed-in` (detail `{method: "SMS_CODE"}`).
 */
export class SmsSignInElement extends KitElement {
  #phoneNumber = "";

  protected start(): void {
    this.#showNumberForm();
  }

  #showNumberForm(): void {
    const { t } = this;
    const alert = alertBox();
    const phone = field({
      label: t.phoneLabel,
      hint: t.phoneHint,
      attributes: { type: "tel", name: "phone", autocomplete: "tel", value: this.#phoneNumber || undefined },
    });
    const send = h("button", { type: "submit", class: "lk-button lk-primary" }, t.sendCode);
    const form = h("form", { class: "lk-form", novalidate: true }, phone.element, send);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      alert.set(undefined);
      const phoneNumber = phone.input.value.trim();
      if (!phoneNumber) return phone.setError(t.phoneMissing);
      await whileBusy(send, t.sending, async () => {
        try {
          await requestSmsCode({ phoneNumber });
          this.#phoneNumber = phoneNumber;
          this.#showCodeForm();
        } catch (failure) {
          const error = toClientError(failure);
          if (NUMBER_ERRORS.has(error.code)) phone.setError(errorMessage(error, t));
          else alert.set(errorMessage(error, t), error.code);
        }
      });
    });
    this.show(
      h(
        "section",
        { class: "lk-card" },
        this.heading(t.smsTitle),
        h("p", { class: "lk-muted" }, t.smsIntro),
        form,
        alert.element,
      ),
    );
  }

  #showCodeForm(): void {
    const { t } = this;
    const phoneNumber = this.#phoneNumber;
    const { form, alert, restart } = codeForm(t, {
      redeem: (code) => signInWithSmsCode({ phoneNumber, code }),
      signedIn: () => this.emit("latchkey-signed-in", { method: "SMS_CODE" }),
      incomplete: t.smsCodeIncomplete,
      noTriesLeft: t.smsNoTriesLeft,
    });
    const resend = h("button", { type: "button", class: "lk-button lk-link" }, t.resendCode);
    resend.addEventListener("click", async () => {
      alert.set(undefined);
      await whileBusy(resend, t.sending, async () => {
        try {
          await requestSmsCode({ phoneNumber });
          restart();
          this.announce(t.resentCode);
        } catch (failure) {
          const error = toClientError(failure);
          alert.set(errorMessage(error, t), error.code);
        }
      });
    });
    const back = h("button", { type: "button", class: "lk-button lk-link" }, t.otherNumber);
    back.addEventListener("click", () => this.#showNumberForm());
    this.show(
      h(
        "section",
        { class: "lk-card" },
        this.heading(t.checkPhoneTitle),
        h("p", {}, t.checkPhoneSent(phoneNumber)),
        h("p", { class: "lk-muted" }, t.checkPhoneHow),
        form,
        alert.element,
        h("div", { class: "lk-actions" }, resend, back),
      ),
    );
  }
}
