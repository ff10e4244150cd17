import { countDownResend, requestMagicLink, resendWaitSeconds, signInWithCode, toClientError } from "@latchkey/client";
import { codeField } from "../dom/code-field.ts";
import { alertBox, whileBusy } from "../dom/field.ts";
import { h, newId } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage } from "../error-message.ts";

/** Wrong codes the browser that asked for the email may type before the code stops working here. */
const TRIES = 3;

/**
 * `<latchkey-check-email email="…">`: after a sign-in email was asked for. The person opens the link,
 * or types (or pastes) the code, which submits itself; wrong codes say how many tries are left. "Send
 * a new email" counts down from the api's Retry-After when it must wait. Events: `latchkey-signed-in`
 * (detail `{method: "EMAIL_CODE"}`), `latchkey-back` (use a different email).
 */
export class CheckEmailElement extends KitElement {
  get email(): string {
    return this.getAttribute("email") ?? "";
  }

  set email(value: string) {
    this.setAttribute("email", value);
  }

  /** The page links in the email open; default: this page. */
  get redirectUri(): string | undefined {
    return this.getAttribute("redirect-uri") ?? undefined;
  }

  protected start(signal: AbortSignal): void {
    const { t, email } = this;
    let triesLeft = TRIES;
    const alert = alertBox();
    const submit = h("button", { type: "submit", class: "lk-button lk-primary" }, t.codeSubmit);
    const code = codeField(t, () => form.requestSubmit());
    const form = h("form", { class: "lk-form", novalidate: true }, code.element, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      alert.set(undefined);
      if (code.input.value.length !== 6) return code.setError(t.codeIncomplete);
      if (triesLeft === 0) return code.setError(t.codeNoTriesLeft);
      await whileBusy(submit, t.codeChecking, async () => {
        try {
          await signInWithCode({ email, code: code.input.value });
          this.emit("latchkey-signed-in", { method: "EMAIL_CODE" });
        } catch (failure) {
          const error = toClientError(failure);
          if (error.code !== "SIGN_IN_FAILED") return alert.set(errorMessage(error, t, "code"), error.code);
          triesLeft--;
          code.setError(triesLeft > 0 ? t.codeWrong(triesLeft) : t.codeNoTriesLeft);
          code.input.select();
        }
      });
    });

    // A timer is not read out at every tick; the button it holds back names it as its description.
    const wait = h("p", { class: "lk-hint", role: "timer", id: newId("wait"), hidden: true });
    const resend = h("button", { type: "button", class: "lk-button lk-link", "aria-describedby": wait.id }, t.resend);
    const countDown = () => {
      const stop = countDownResend(email, (left) => {
        wait.hidden = left === 0;
        wait.textContent = left > 0 ? t.resendIn(left) : "";
        if (left > 0) resend.setAttribute("aria-disabled", "true");
        else resend.removeAttribute("aria-disabled");
      });
      signal.addEventListener("abort", stop);
    };
    resend.addEventListener("click", async () => {
      if (resendWaitSeconds(email) > 0) return;
      alert.set(undefined);
      await whileBusy(resend, t.sending, async () => {
        try {
          await requestMagicLink({ email, locale: t.lang, ...(this.redirectUri && { redirectUri: this.redirectUri }) });
          triesLeft = TRIES;
          this.announce(t.resent);
        } catch (failure) {
          const error = toClientError(failure);
          if (error.code !== "RATE_LIMITED" || !error.retryAfter) alert.set(errorMessage(error, t), error.code);
        }
      });
      countDown();
    });
    const back = h("button", { type: "button", class: "lk-button lk-link", onclick: () => this.emit("latchkey-back") });
    back.textContent = t.otherEmail;

    this.show(
      h(
        "section",
        { class: "lk-card" },
        this.heading(t.checkEmailTitle),
        h("p", {}, t.checkEmailSent(email)),
        h("p", { class: "lk-muted" }, t.checkEmailHow),
        form,
        alert.element,
        h("div", { class: "lk-actions" }, resend, back),
        wait,
      ),
    );
    countDown();
  }
}
