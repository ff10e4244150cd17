import { countDownResend, requestMagicLink, resendWaitSeconds, signInWithCode, toClientError } from "@latchkey/client";
import { codeForm } from "../dom/code-form.ts";
import { whileBusy } from "../dom/field.ts";
import { h, newId } from "../dom/h.ts";
import { KitElement } from "../dom/kit-element.ts";
import { errorMessage } from "../error-message.ts";

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
    const { form, alert, restart } = codeForm(t, {
      redeem: (code) => signInWithCode({ email, code }),
      signedIn: () => this.emit("latchkey-signed-in", { method: "EMAIL_CODE" }),
      incomplete: t.codeIncomplete,
      noTriesLeft: t.codeNoTriesLeft,
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
          restart();
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
